import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { hashPassword } from "@jeeves/service-kit";
import type { FastifyInstance } from "fastify";
import { authOf, build } from "../helper.ts";
import { call, VARIANTS, type WireResponse } from "../wire.ts";

const json = VARIANTS[0];
const PASSWORD = "what-ho-jeeves";

interface People {
  app: FastifyInstance;
  admin: { id: string; token: string };
  bertie: { id: string; token: string };
  gussie: { id: string; token: string };
}

/** An app with an admin and two people, each with a person's token (the dashboard's scopes). */
async function people(t: Parameters<typeof build>[0]): Promise<People> {
  const app = await build(t);
  const make = async (email: string, display_name: string, is_admin: boolean) => {
    const user = await app.store.users.create({
      email,
      display_name,
      password_hash: await hashPassword(PASSWORD),
      is_admin,
    });
    await app.store.settings.set(user.id, "units", "metric");
    await app.store.users.setLocation(user.id, { place: "London" });
    return { id: user.id, token: await authOf(app).personToken(user.id) };
  };
  return {
    app,
    admin: await make("jeeves@example.com", "Jeeves", true),
    bertie: await make("bertie@example.com", "Bertie", false),
    gussie: await make("gussie@example.com", "Gussie", false),
  };
}

/** Calls an operation with a bearer token. */
function as(
  app: FastifyInstance,
  token: string,
  operationId: string,
  request: { url: string; body?: unknown; headers?: Record<string, string> },
): Promise<WireResponse> {
  return call(app, json, operationId, {
    ...request,
    headers: { ...request.headers, authorization: `Bearer ${token}` },
  });
}

function assertAdminRequired(res: WireResponse, what: string): void {
  assert.equal(res.status, 403, `${what}: ${JSON.stringify(res.body)}`);
  assert.equal(res.headers["content-type"], "application/problem+json", what);
  assert.equal(res.body.code, "DATASERVICE_ERR_ADMIN_REQUIRED", what);
}

describe("a person's token (token exchange)", () => {
  test("an admin person has the powers of users:admin: makes admins, changes anyone, deletes admins", async (t) => {
    const { app, admin, bertie, gussie } = await people(t);
    const made = await as(app, admin.token, "createUser", {
      url: "/users",
      body: { email: "aunt@example.com", display_name: "Agatha", password: PASSWORD, is_admin: true },
    });
    assert.equal(made.status, 201);
    assert.equal(made.body.is_admin, true);
    const changed = await as(app, admin.token, "updateUser", {
      url: `/users/${bertie.id}`,
      body: { email: "wooster@example.com", password: "a-new-password", is_admin: true, display_name: "B." },
    });
    assert.equal(changed.status, 200);
    assert.deepEqual(
      [changed.body.email, changed.body.is_admin, changed.body.display_name],
      ["wooster@example.com", true, "B."],
    );
    assert.equal((await as(app, admin.token, "getUser", { url: `/users/${gussie.id}` })).status, 200);
    assert.equal((await as(app, admin.token, "listUsers", { url: "/users" })).body.items.length, 4);
    const setting = await as(app, admin.token, "setSetting", {
      url: `/users/${gussie.id}/settings/units`,
      body: { value: "imperial" },
    });
    assert.equal(setting.status, 200);
    assert.equal((await as(app, admin.token, "getSetting", { url: `/users/${gussie.id}/settings/units` })).status, 200);
    assert.equal((await as(app, admin.token, "listSettings", { url: `/users/${gussie.id}/settings` })).status, 200);
    assert.equal(
      (await as(app, admin.token, "deleteSetting", { url: `/users/${gussie.id}/settings/units` })).status,
      204,
    );
    assert.equal((await as(app, admin.token, "getLocation", { url: `/users/${gussie.id}/location` })).status, 200);
    const placed = await as(app, admin.token, "setLocation", {
      url: `/users/${gussie.id}/location`,
      body: { place: "Paris" },
    });
    assert.equal(placed.status, 200);
    assert.equal((await as(app, admin.token, "deleteLocation", { url: `/users/${gussie.id}/location` })).status, 204);
    assert.equal((await as(app, admin.token, "listWorkspaces", { url: "/workspaces" })).status, 200);
    const missing = await as(app, admin.token, "getWorkspace", { url: "/workspaces/T0123ABCD" });
    assert.equal(missing.status, 404, "an admin reaches getWorkspace (none installed)");
    const login = await as(app, admin.token, "verifyPassword", {
      url: "/users/verify-password",
      body: { email: "wooster@example.com", password: "a-new-password" },
    });
    assert.equal(login.status, 200);
    assert.equal((await as(app, admin.token, "deleteUser", { url: `/users/${bertie.id}` })).status, 204, "an admin");
    assert.equal((await as(app, admin.token, "deleteUser", { url: `/users/${gussie.id}` })).status, 204);
  });

  test("anyone reads users and lists workspaces, and changes their own name, password, settings and location", async (t) => {
    const { app, bertie, gussie } = await people(t);
    const list = await as(app, bertie.token, "listUsers", { url: "/users?q=gussie" });
    assert.equal(list.status, 200);
    assert.deepEqual(
      list.body.items.map((user: { id: string }) => user.id),
      [gussie.id],
    );
    assert.equal((await as(app, bertie.token, "getUser", { url: `/users/${gussie.id}` })).status, 200);
    assert.equal((await as(app, bertie.token, "listWorkspaces", { url: "/workspaces" })).status, 200);
    const me = `/users/${bertie.id}`;
    const current = await as(app, bertie.token, "getUser", { url: me });
    const renamed = await as(app, bertie.token, "updateUser", {
      url: me,
      body: { display_name: "Bertram", password: "a-better-password" },
      headers: { "if-match": String(current.headers.etag) },
    });
    assert.equal(renamed.status, 200);
    assert.equal(renamed.body.display_name, "Bertram");
    const login = await call(app, json, "verifyPassword", {
      url: "/users/verify-password",
      body: { email: "bertie@example.com", password: "a-better-password" },
    });
    assert.equal(login.status, 200, "the new password works");
    assert.equal((await as(app, bertie.token, "listSettings", { url: `${me}/settings` })).body.items.length, 1);
    assert.equal(
      (await as(app, bertie.token, "setSetting", { url: `${me}/settings/units`, body: { value: "imperial" } })).status,
      200,
    );
    assert.equal((await as(app, bertie.token, "getSetting", { url: `${me}/settings/units` })).body.value, "imperial");
    assert.equal((await as(app, bertie.token, "deleteSetting", { url: `${me}/settings/units` })).status, 204);
    assert.equal(
      (await as(app, bertie.token, "setLocation", { url: `${me}/location`, body: { place: "Paris" } })).status,
      200,
    );
    assert.equal((await as(app, bertie.token, "getLocation", { url: `${me}/location` })).body.place, "Paris");
    assert.equal((await as(app, bertie.token, "deleteLocation", { url: `${me}/location` })).status, 204);
  });

  test("someone who is not an admin gets 403 DATASERVICE_ERR_ADMIN_REQUIRED for others' data, and nothing changes", async (t) => {
    const { app, bertie, gussie } = await people(t);
    const other = `/users/${gussie.id}`;
    const before = await call(app, json, "getUser", { url: other });
    const refused: [string, { url: string; body?: unknown }][] = [
      ["updateUser", { url: other, body: { display_name: "Mallory" } }],
      ["updateUser", { url: other, body: { password: "taken-over-now" } }],
      ["deleteUser", { url: other }],
      ["listSettings", { url: `${other}/settings` }],
      ["getSetting", { url: `${other}/settings/units` }],
      ["setSetting", { url: `${other}/settings/units`, body: { value: "imperial" } }],
      ["deleteSetting", { url: `${other}/settings/units` }],
      ["getLocation", { url: `${other}/location` }],
      ["setLocation", { url: `${other}/location`, body: { place: "Paris" } }],
      ["deleteLocation", { url: `${other}/location` }],
    ];
    for (const [operationId, request] of refused) {
      assertAdminRequired(await as(app, bertie.token, operationId, request), `${operationId} ${request.url}`);
    }
    assert.deepEqual((await call(app, json, "getUser", { url: other })).body, before.body, "Gussie is unchanged");
    assert.equal((await call(app, json, "getSetting", { url: `${other}/settings/units` })).body.value, "metric");
    assert.equal((await call(app, json, "getLocation", { url: `${other}/location` })).body.place, "London");
  });

  test("someone who is not an admin cannot change their own email or is_admin, create, delete, nor reach admin operations", async (t) => {
    const { app, bertie } = await people(t);
    const me = `/users/${bertie.id}`;
    const before = await call(app, json, "getUser", { url: me });
    const refused: [string, { url: string; body?: unknown }][] = [
      ["updateUser", { url: me, body: { email: "mallory@example.com" } }],
      ["updateUser", { url: me, body: { is_admin: true } }],
      ["updateUser", { url: me, body: { display_name: "Bertram", is_admin: true } }],
      ["deleteUser", { url: me }],
      ["createUser", { url: "/users", body: { display_name: "Someone" } }],
      [
        "findOrCreateSlackUser",
        { url: "/users/find-or-create", body: { slack_team_id: "T0123ABCD", slack_user_id: "U0456EFGH" } },
      ],
      ["verifyPassword", { url: "/users/verify-password", body: { email: "gussie@example.com", password: PASSWORD } }],
      ["getWorkspace", { url: "/workspaces/T0123ABCD" }],
    ];
    for (const [operationId, request] of refused) {
      assertAdminRequired(
        await as(app, bertie.token, operationId, request),
        `${operationId} ${JSON.stringify(request.body)}`,
      );
    }
    // With every scope of the dataservice, the person rules still refuse what is for admins.
    const everything = await authOf(app).personToken(bertie.id, [
      "users:read",
      "users:write",
      "workspaces:read",
      "workspaces:write",
      "workspaces:secrets",
    ]);
    const admins: [string, { url: string; body?: unknown }][] = [
      [
        "installWorkspace",
        {
          url: "/workspaces/T0123ABCD",
          body: { team_name: "Drones", bot_user_id: "U0BOT0001", bot_token: "xoxb-1", scopes: [] },
        },
      ],
      ["deleteWorkspace", { url: "/workspaces/T0123ABCD" }],
      ["listAlertSubscriptions", { url: "/alert-subscriptions" }],
      ["claimAlertSend", { url: "/alert-sends", body: { user_id: bertie.id, local_date: "2026-11-28" } }],
    ];
    for (const [operationId, request] of admins) {
      assertAdminRequired(await as(app, everything, operationId, request), operationId);
    }
    assert.deepEqual((await call(app, json, "getUser", { url: me })).body, before.body, "Bertie is unchanged");
    assert.equal((await call(app, json, "listUsers", { url: "/users" })).body.items.length, 3, "nobody was created");
    assert.equal((await call(app, json, "listWorkspaces", { url: "/workspaces" })).body.items.length, 0);
  });

  test("the operation's scopes come first: a person's token without users:write gets the scope's 403", async (t) => {
    const { app, bertie, admin } = await people(t);
    for (const [who, id] of [
      ["a person", bertie.id],
      ["an admin", admin.id],
    ]) {
      const readOnly = await authOf(app).personToken(id, ["users:read"]);
      const res = await as(app, readOnly, "setSetting", {
        url: `/users/${id}/settings/units`,
        body: { value: "imperial" },
      });
      assert.equal(res.status, 403, who);
      assert.equal(res.body.code, "SERVICE_ERR_INSUFFICIENT_SCOPE", who);
      const workspaces = await as(app, readOnly, "listWorkspaces", { url: "/workspaces" });
      assert.equal(workspaces.body.code, "SERVICE_ERR_INSUFFICIENT_SCOPE", who);
    }
  });

  test("a demoted admin loses the power with the next request, with the same token", async (t) => {
    const { app, admin, bertie } = await people(t);
    const rename = () =>
      as(app, admin.token, "updateUser", { url: `/users/${bertie.id}`, body: { display_name: "Bertram" } });
    assert.equal((await rename()).status, 200);
    await app.store.users.update(admin.id, { is_admin: false });
    assertAdminRequired(await rename(), "after the demotion");
    await app.store.users.update(admin.id, { is_admin: true });
    assert.equal((await rename()).status, 200, "and gains it back as soon as it is an admin again");
  });

  test("a person whose user was deleted gets 403 DATASERVICE_ERR_PERSON_NOT_FOUND for everything", async (t) => {
    const { app, admin, bertie } = await people(t);
    await app.store.users.delete(bertie.id);
    await app.store.users.delete(admin.id);
    for (const [who, token] of [
      ["a person", bertie.token],
      ["an admin", admin.token],
    ]) {
      for (const [operationId, url] of [
        ["listUsers", "/users"],
        ["getUser", `/users/${bertie.id}`],
        ["listWorkspaces", "/workspaces"],
      ]) {
        const res = await as(app, token, operationId, { url });
        assert.equal(res.status, 403, `${who} ${operationId}`);
        assert.equal(res.body.code, "DATASERVICE_ERR_PERSON_NOT_FOUND", `${who} ${operationId}`);
      }
    }
  });

  test("a service's token behaves as before: no person, the users:admin field rules", async (t) => {
    const { app, bertie } = await people(t);
    const service = await authOf(app).tokenWith(["users:read", "users:write"]);
    const own = await as(app, service, "updateUser", {
      url: `/users/${bertie.id}`,
      body: { password: "taken-over-now" },
    });
    assert.equal(own.status, 403);
    assert.equal(own.body.code, "DATASERVICE_ERR_ADMIN_SCOPE_REQUIRED");
    const created = await as(app, service, "createUser", { url: "/users", body: { display_name: "Someone" } });
    assert.equal(created.status, 201);
  });
});
