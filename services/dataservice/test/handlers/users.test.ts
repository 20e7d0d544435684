import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { build } from "../helper.ts";
import { call, VARIANTS } from "../wire.ts";

const MISSING_ID = "01900000-0000-7000-8000-000000000000";

for (const variant of VARIANTS) {
  describe(`users over ${variant.name}`, () => {
    test("createUser answers 201 with the user, its ETag and Location, in the asked encoding", async (t) => {
      const app = await build(t);
      const res = await call(app, variant, "createUser", {
        url: "/users",
        body: { email: "Bertie@Example.com", display_name: "Bertie Wooster", password: "what-ho-jeeves" },
      });
      assert.equal(res.status, 201);
      assert.equal(res.contentType, `application/${variant.encoding === "protobuf" ? "x-protobuf" : variant.encoding}`);
      assert.equal(res.body.display_name, "Bertie Wooster");
      assert.equal(res.body.email, "bertie@example.com");
      assert.equal(res.body.is_admin, false);
      assert.equal(res.body.password, undefined, "the password never comes back");
      assert.match(res.body.id, /^[0-9a-f-]{36}$/);
      assert.match(String(res.headers.etag), /^"\d+-[\w-]+"$/);
      assert.equal(res.headers.location, `/users/${res.body.id}`);
    });

    test("getUser answers the user with its ETag, 304 for If-None-Match, 404 when missing", async (t) => {
      const app = await build(t);
      const created = await call(app, variant, "createUser", { url: "/users", body: { display_name: "Jeeves" } });
      const got = await call(app, variant, "getUser", { url: `/users/${created.body.id}` });
      assert.equal(got.status, 200);
      assert.deepEqual(got.body, created.body);
      assert.equal(got.headers.etag, created.headers.etag);
      const notModified = await call(app, variant, "getUser", {
        url: `/users/${created.body.id}`,
        headers: { "if-none-match": String(created.headers.etag) },
      });
      assert.equal(notModified.status, 304);
      assert.equal(notModified.body, undefined);
      const missing = await call(app, variant, "getUser", { url: `/users/${MISSING_ID}` });
      assert.equal(missing.status, 404);
      assert.equal(missing.contentType, "application/problem+json");
      assert.equal(missing.body.code, "DATASERVICE_ERR_USER_NOT_FOUND");
    });

    test("listUsers pages with a cursor, filters, and refuses a bad cursor or limit", async (t) => {
      const app = await build(t);
      for (let i = 0; i < 25; i++) {
        await call(app, variant, "createUser", {
          url: "/users",
          body: { display_name: `Member number ${i} of the Drones Club`, email: `member${i}@drones.example` },
        });
      }
      const first = await call(app, variant, "listUsers", { url: "/users?limit=20" });
      assert.equal(first.status, 200);
      assert.equal(first.body.items.length, 20);
      assert.equal(first.gzipped, variant.gzip, "a page over 1 KiB is gzipped exactly when the client accepts it");
      const second = await call(app, variant, "listUsers", {
        url: `/users?limit=20&cursor=${encodeURIComponent(first.body.next_cursor)}`,
      });
      assert.equal(second.body.items.length, 5);
      assert.equal(second.body.next_cursor, undefined);
      const names = [...first.body.items, ...second.body.items].map((u: { display_name: string }) => u.display_name);
      assert.deepEqual(
        names,
        Array.from({ length: 25 }, (_, i) => `Member number ${i} of the Drones Club`),
      );
      const filtered = await call(app, variant, "listUsers", { url: "/users?email=member7@drones.example" });
      assert.deepEqual(
        filtered.body.items.map((u: { email: string }) => u.email),
        ["member7@drones.example"],
      );
      const badCursor = await call(app, variant, "listUsers", { url: "/users?cursor=not-a-cursor" });
      assert.equal(badCursor.status, 400);
      assert.equal(badCursor.body.code, "DATASERVICE_ERR_BAD_CURSOR");
      const badLimit = await call(app, variant, "listUsers", { url: "/users?limit=201" });
      assert.equal(badLimit.status, 400);
      assert.deepEqual(badLimit.body.errors, [{ field: "/querystring/limit", message: "must be <= 200" }]);
    });

    test("listUsers q finds text in emails and names, wildcards literal, pages on; an empty or long q is 400", async (t) => {
      const app = await build(t);
      for (const [display_name, email] of [
        ["Bertie Wooster", "bertie@drones.example"],
        ["100% Wooster", "percent@example.com"],
        ["Aunt Agatha", "agatha@WOOSTER.example"],
        ["Tuppy Glossop", "tuppy@drones.example"],
      ]) {
        await call(app, variant, "createUser", { url: "/users", body: { display_name, email } });
      }
      // An empty page is zero bytes in protobuf (every field at its default).
      const names = async (query: string) =>
        ((await call(app, variant, "listUsers", { url: `/users?${query}` })).body?.items ?? []).map(
          (u: { display_name: string }) => u.display_name,
        );
      assert.deepEqual(await names("q=wOOster"), ["Bertie Wooster", "100% Wooster", "Aunt Agatha"]);
      assert.deepEqual(await names(`q=${encodeURIComponent("0% w")}`), ["100% Wooster"]);
      assert.deepEqual(await names(`q=${encodeURIComponent("%")}`), ["100% Wooster"]);
      assert.deepEqual(await names(`q=${encodeURIComponent("_")}`), []);
      const first = await call(app, variant, "listUsers", { url: "/users?q=wooster&limit=2" });
      assert.equal(first.body.items.length, 2);
      const rest = await call(app, variant, "listUsers", {
        url: `/users?q=wooster&limit=2&cursor=${encodeURIComponent(first.body.next_cursor)}`,
      });
      assert.deepEqual(
        rest.body.items.map((u: { display_name: string }) => u.display_name),
        ["Aunt Agatha"],
      );
      assert.equal(rest.body.next_cursor, undefined);
      for (const q of ["", "x".repeat(101)]) {
        const bad = await call(app, variant, "listUsers", { url: `/users?q=${q}` });
        assert.equal(bad.status, 400, `q of ${q.length}`);
        assert.equal(bad.body.code, "SERVICE_ERR_VALIDATION");
      }
    });

    test("updateUser changes fields, honours If-Match, and answers 412 on a stale ETag", async (t) => {
      const app = await build(t);
      const created = await call(app, variant, "createUser", { url: "/users", body: { display_name: "Bertie" } });
      const url = `/users/${created.body.id}`;
      const updated = await call(app, variant, "updateUser", {
        url,
        body: { display_name: "Bertram" },
        headers: { "if-match": String(created.headers.etag) },
      });
      assert.equal(updated.status, 200);
      assert.equal(updated.body.display_name, "Bertram");
      assert.notEqual(updated.headers.etag, created.headers.etag);
      const stale = await call(app, variant, "updateUser", {
        url,
        body: { display_name: "Bingo" },
        headers: { "if-match": String(created.headers.etag) },
      });
      assert.equal(stale.status, 412);
      assert.equal(stale.body.code, "DATASERVICE_ERR_STALE");
      const after = await call(app, variant, "getUser", { url });
      assert.equal(after.body.display_name, "Bertram", "a refused update changes nothing");
      const missing = await call(app, variant, "updateUser", {
        url: `/users/${MISSING_ID}`,
        body: { display_name: "X" },
      });
      assert.equal(missing.status, 404);
    });

    test("deleteUser deletes, then the user is gone; a stale If-Match answers 412", async (t) => {
      const app = await build(t);
      const created = await call(app, variant, "createUser", { url: "/users", body: { display_name: "Gussie" } });
      const url = `/users/${created.body.id}`;
      const stale = await call(app, variant, "deleteUser", { url, headers: { "if-match": '"99-stale"' } });
      assert.equal(stale.status, 412);
      const deleted = await call(app, variant, "deleteUser", { url });
      assert.equal(deleted.status, 204);
      assert.equal((await call(app, variant, "getUser", { url })).status, 404);
      assert.equal((await call(app, variant, "deleteUser", { url })).status, 404);
    });

    test("createUser answers 409 for a taken email (any case) or Slack identity", async (t) => {
      const app = await build(t);
      const body = {
        display_name: "Tuppy",
        email: "tuppy@example.com",
        slack_team_id: "T0001",
        slack_user_id: "U0001",
      };
      assert.equal((await call(app, variant, "createUser", { url: "/users", body })).status, 201);
      const email = await call(app, variant, "createUser", {
        url: "/users",
        body: { display_name: "Other", email: "TUPPY@example.com" },
      });
      assert.equal(email.status, 409);
      assert.equal(email.body.code, "DATASERVICE_ERR_DUPLICATE_EMAIL");
      const slack = await call(app, variant, "createUser", {
        url: "/users",
        body: { display_name: "Other", slack_team_id: "T0001", slack_user_id: "U0001" },
      });
      assert.equal(slack.status, 409);
      assert.equal(slack.body.code, "DATASERVICE_ERR_DUPLICATE_SLACK_IDENTITY");
    });

    test("findOrCreateSlackUser creates once (201) and then finds the same user (200)", async (t) => {
      const app = await build(t);
      const body = { slack_team_id: "T0123ABCD", slack_user_id: "U0456EFGH", display_name: "bertie" };
      const first = await call(app, variant, "findOrCreateSlackUser", { url: "/users/find-or-create", body });
      assert.equal(first.status, 201);
      assert.equal(first.body.slack_user_id, "U0456EFGH");
      const again = await call(app, variant, "findOrCreateSlackUser", { url: "/users/find-or-create", body });
      assert.equal(again.status, 200);
      assert.equal(again.body.id, first.body.id);
    });

    test("verifyPassword answers the user, or one and the same 401 for a wrong email or password", async (t) => {
      const app = await build(t);
      await call(app, variant, "createUser", {
        url: "/users",
        body: { display_name: "Bertie", email: "bertie@example.com", password: "what-ho-jeeves" },
      });
      const ok = await call(app, variant, "verifyPassword", {
        url: "/users/verify-password",
        body: { email: "bertie@example.com", password: "what-ho-jeeves" },
      });
      assert.equal(ok.status, 200);
      assert.equal(ok.body.email, "bertie@example.com");
      const wrongPassword = await call(app, variant, "verifyPassword", {
        url: "/users/verify-password",
        body: { email: "bertie@example.com", password: "tinkerty-tonk" },
      });
      const wrongEmail = await call(app, variant, "verifyPassword", {
        url: "/users/verify-password",
        body: { email: "nobody@example.com", password: "what-ho-jeeves" },
      });
      assert.equal(wrongPassword.status, 401);
      const { instance: _a, ...one } = wrongPassword.body;
      const { instance: _b, ...other } = wrongEmail.body;
      assert.deepEqual(one, other, "the answer does not say which of the two was wrong");
    });

    test("a body that breaks the schema answers 400 with field errors", async (t) => {
      const app = await build(t);
      const missing = await call(app, variant, "createUser", { url: "/users", body: { email: "a@example.com" } });
      assert.equal(missing.status, 400);
      assert.equal(missing.contentType, "application/problem+json");
      assert.ok(missing.body.errors.some((e: { field: string }) => e.field === "/body/display_name"));
      const badEmail = await call(app, variant, "createUser", {
        url: "/users",
        body: { display_name: "X", email: "not-an-email" },
      });
      assert.equal(badEmail.status, 400);
      assert.ok(badEmail.body.errors.some((e: { field: string }) => e.field === "/body/email"));
    });
  });
}
