import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { describe, test } from "node:test";
import { DEFAULT_CLIENTS } from "@jeeves/tokendealer";
import type { FastifyInstance } from "fastify";
import { authOf, build } from "../helper.ts";
import { call, VARIANTS, type WireResponse } from "../wire.ts";

const json = VARIANTS[0];
const ADMIN_EMAIL = "butler@example.com";
const ADMIN_PASSWORD = "very-good-jeeves";

/** A bearer header for a client defined like the TokenDealer's default client `id`, for the dataservice. */
async function bearerOfDefault(app: FastifyInstance, id: string): Promise<string> {
  const definition = DEFAULT_CLIENTS.find((client) => client.id === id);
  assert.ok(definition, `no default client ${id}`);
  const { dealer } = authOf(app);
  const client = await dealer.addClient(`${id}-like-${randomUUID().slice(0, 8)}`, definition.scopes, [
    ...definition.audiences,
  ]);
  return `Bearer ${await dealer.token(client.id, client.secret, "dataservice")}`;
}

/** The service clients (not the administrator's) and a bare `users:read users:write` token. */
async function serviceBearers(app: FastifyInstance): Promise<Array<[string, string]>> {
  const bearers: Array<[string, string]> = [];
  for (const id of ["actions", "scheduler", "slackbot"]) bearers.push([id, await bearerOfDefault(app, id)]);
  bearers.push(["users:write", `Bearer ${await authOf(app).tokenWith(["users:read", "users:write"])}`]);
  return bearers;
}

function assertRefused(res: WireResponse, who: string, what: string): void {
  assert.equal(res.status, 403, `${who}: ${what}`);
  assert.equal(res.headers["content-type"], "application/problem+json", `${who}: ${what}`);
  // A client with users:write reaches the field rule; one without is stopped by the operation's scope.
  assert.match(res.body.code, /^(DATASERVICE_ERR_ADMIN_SCOPE_REQUIRED|SERVICE_ERR_INSUFFICIENT_SCOPE)$/, who);
}

async function createAdmin(app: FastifyInstance, admin: string): Promise<WireResponse> {
  const res = await call(app, json, "createUser", {
    url: "/users",
    body: { email: ADMIN_EMAIL, display_name: "Jeeves", password: ADMIN_PASSWORD, is_admin: true },
    headers: { authorization: admin },
  });
  assert.equal(res.status, 201);
  return res;
}

describe("users:admin", () => {
  test("no service client can create an admin: 403 problem+json, and no user is created", async (t) => {
    const app = await build(t);
    for (const [who, bearer] of await serviceBearers(app)) {
      const res = await call(app, json, "createUser", {
        url: "/users",
        body: { display_name: `Impostor ${who}`, is_admin: true },
        headers: { authorization: bearer },
      });
      assertRefused(res, who, "createUser is_admin: true");
    }
    const bare = await call(app, json, "createUser", {
      url: "/users",
      body: { display_name: "Impostor", is_admin: true },
      headers: { authorization: `Bearer ${await authOf(app).tokenWith(["users:write"])}` },
    });
    assert.equal(bare.body.code, "DATASERVICE_ERR_ADMIN_SCOPE_REQUIRED");
    assert.match(
      String(bare.headers["www-authenticate"]),
      /error="insufficient_scope", scope="users:write users:admin"/,
    );
    const users = await call(app, json, "listUsers", { url: "/users" });
    assert.deepEqual(users.body.items, [], "nobody was created");
  });

  test("no service client can change the admin's password, email or is_admin, nor delete the admin", async (t) => {
    const app = await build(t);
    const admin = await bearerOfDefault(app, "jeeves-admin");
    const created = await createAdmin(app, admin);
    const url = `/users/${created.body.id}`;
    const changes = [{ password: "taken-over-now" }, { email: "mallory@example.com" }, { is_admin: false }];
    for (const [who, bearer] of await serviceBearers(app)) {
      for (const body of changes) {
        const res = await call(app, json, "updateUser", { url, body, headers: { authorization: bearer } });
        assertRefused(res, who, `updateUser ${JSON.stringify(body)}`);
      }
      const withName = await call(app, json, "updateUser", {
        url,
        body: { display_name: "Mallory", password: "taken-over-now" },
        headers: { authorization: bearer },
      });
      assertRefused(withName, who, "updateUser display_name and password");
      const deleted = await call(app, json, "deleteUser", { url, headers: { authorization: bearer } });
      assertRefused(deleted, who, "deleteUser of an admin");
    }
    const after = await call(app, json, "getUser", { url });
    assert.deepEqual(after.body, created.body, "the admin is unchanged");
    const login = await call(app, json, "verifyPassword", {
      url: "/users/verify-password",
      body: { email: ADMIN_EMAIL, password: ADMIN_PASSWORD },
    });
    assert.equal(login.status, 200, "the admin's password still works");
  });

  test("no service client can make a user an admin, or change a user's email or password", async (t) => {
    const app = await build(t);
    const user = await call(app, json, "createUser", {
      url: "/users",
      body: { display_name: "Bertie", email: "bertie@example.com", password: "what-ho-jeeves" },
    });
    const url = `/users/${user.body.id}`;
    const bearer = `Bearer ${await authOf(app).tokenWith(["users:read", "users:write"])}`;
    for (const body of [{ is_admin: true }, { email: "other@example.com" }, { password: "new-password" }]) {
      const res = await call(app, json, "updateUser", { url, body, headers: { authorization: bearer } });
      assert.equal(res.status, 403, JSON.stringify(body));
      assert.equal(res.body.code, "DATASERVICE_ERR_ADMIN_SCOPE_REQUIRED");
    }
    assert.deepEqual((await call(app, json, "getUser", { url })).body, user.body);
  });

  test("users:write alone still creates users with an email and password, renames them, deletes non-admins", async (t) => {
    const app = await build(t);
    const bearer = `Bearer ${await authOf(app).tokenWith(["users:read", "users:write"])}`;
    const user = await call(app, json, "createUser", {
      url: "/users",
      body: { display_name: "Gussie", email: "gussie@example.com", password: "newts-newts", is_admin: false },
      headers: { authorization: bearer },
    });
    assert.equal(user.status, 201);
    const url = `/users/${user.body.id}`;
    const renamed = await call(app, json, "updateUser", {
      url,
      body: { display_name: "Augustus" },
      headers: { authorization: bearer },
    });
    assert.equal(renamed.status, 200);
    assert.equal(renamed.body.display_name, "Augustus");
    assert.equal((await call(app, json, "deleteUser", { url, headers: { authorization: bearer } })).status, 204);
  });

  test("the administrator's client (users:admin) creates admins, changes email and password, deletes an admin", async (t) => {
    const app = await build(t);
    const admin = await bearerOfDefault(app, "jeeves-admin");
    const created = await createAdmin(app, admin);
    assert.equal(created.body.is_admin, true);
    const url = `/users/${created.body.id}`;
    const changed = await call(app, json, "updateUser", {
      url,
      body: { email: "jeeves@example.com", password: "a-new-password", is_admin: true },
      headers: { authorization: admin },
    });
    assert.equal(changed.status, 200);
    assert.equal(changed.body.email, "jeeves@example.com");
    const login = await call(app, json, "verifyPassword", {
      url: "/users/verify-password",
      body: { email: "jeeves@example.com", password: "a-new-password" },
    });
    assert.equal(login.status, 200);
    assert.equal((await call(app, json, "deleteUser", { url, headers: { authorization: admin } })).status, 204);
  });
});
