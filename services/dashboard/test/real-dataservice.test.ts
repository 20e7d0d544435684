import assert from "node:assert/strict";
import { test } from "node:test";
import { createTokenProvider } from "@jeeves/client-kit";
import { fetchFromInject } from "@jeeves/client-kit/testing";
import { buildTestDataservice } from "@jeeves/dataservice/testing";
import { startTestTokenDealer } from "@jeeves/tokendealer/testing";
import type { PersonTokens } from "../src/domain/person-tokens.ts";
import { buildTestDashboard } from "../testing/index.ts";
import { call } from "./helper.ts";

const PASSWORD = "what-ho-jeeves";

/**
 * The dashboard on a real TokenDealer and a real dataservice (in-process): its own client (`dashboard-tests`, as `dashboard`)
 * (users:read at the dataservice) checks passwords through the generated client. The person's tokens
 * are a stand-in until the TokenDealer's token exchange is there: client-credentials tokens of a client
 * that may do what an admin may (the suite's dashboard test covers the real exchange).
 */
test("against a real dataservice: log in, the session, the profile, settings, location, users (and a 409 passed on)", async (t) => {
  const dealer = await startTestTokenDealer();
  t.after(() => dealer.close());
  const dataservice = await buildTestDataservice(dealer);
  t.after(() => dataservice.close());
  const own = await dealer.addClient("dashboard-tests", ["users:read"], ["dataservice"]);
  const stand = await dealer.addClient(
    "person-stand-in",
    ["users:read", "users:write", "users:admin", "workspaces:read"],
    ["dataservice"],
  );
  const fetch = fetchFromInject(dataservice.app);
  const provider = (id: string, secret: string, scopes: string[]) =>
    createTokenProvider({
      tokendealerUrl: dealer.url,
      clientId: id,
      clientSecret: secret,
      audience: "dataservice",
      scopes,
    });
  const admin = provider(stand.id, stand.secret, ["users:read", "users:write", "users:admin", "workspaces:read"]);
  const personTokens: PersonTokens = { token: () => admin.token(), invalidate: () => admin.invalidate() };
  const created = await dataservice.app.inject({
    method: "POST",
    url: "/users",
    headers: { authorization: `Bearer ${await admin.token()}`, "content-type": "application/json" },
    payload: JSON.stringify({ email: "bertie@example.com", display_name: "Bertie Wooster", password: PASSWORD }),
  });
  assert.equal(created.statusCode, 201, created.body);
  const bertie = JSON.parse(created.body) as { id: string };

  const dashboard = await buildTestDashboard({
    dataservice: { url: "http://dataservice.test", token: provider(own.id, own.secret, ["users:read"]), fetch },
    personTokens,
  });
  t.after(() => dashboard.close());
  const { app } = dashboard;
  assert.equal(
    (await call(app, "POST", "/api/session", { body: { email: "bertie@example.com", password: "not-it" } })).status,
    401,
  );
  const login = await call(app, "POST", "/api/session", { body: { email: "bertie@example.com", password: PASSWORD } });
  assert.equal(login.status, 200, JSON.stringify(login.body));
  assert.equal(login.body.user.id, bertie.id);
  const cookie = String(login.headers["set-cookie"]).split(";")[0];
  const headers = { cookie, "x-csrf-token": login.body.csrf_token };

  assert.equal((await call(app, "GET", "/api/session", { headers: { cookie } })).body.user.email, "bertie@example.com");
  assert.equal(
    (await call(app, "PUT", "/api/me/settings/units", { body: { value: "imperial" }, headers })).status,
    200,
  );
  assert.equal((await call(app, "PUT", "/api/me/location", { body: { place: "London" }, headers })).status, 200);
  const profile = await call(app, "GET", "/api/me", { headers: { cookie } });
  assert.equal(profile.status, 200);
  assert.deepEqual(profile.body.location, { place: "London" });
  assert.deepEqual(
    profile.body.settings.map((setting: { key: string; value: string }) => [setting.key, setting.value]),
    [["units", "imperial"]],
  );
  assert.equal((await call(app, "DELETE", "/api/me/location", { headers })).status, 204);
  assert.equal((await call(app, "DELETE", "/api/me/location", { headers })).status, 204, "also when there is none");
  assert.equal((await call(app, "DELETE", "/api/me/settings/alerts", { headers })).status, 204, "also when not set");
  assert.equal((await call(app, "GET", "/api/me", { headers: { cookie } })).body.location, undefined);

  const gussie = { email: "gussie@example.com", display_name: "Gussie", password: "newts-newts" };
  assert.equal((await call(app, "POST", "/api/users", { body: gussie, headers })).status, 201);
  const taken = await call(app, "POST", "/api/users", { body: gussie, headers });
  assert.equal(taken.status, 409);
  assert.equal(taken.body.code, "DATASERVICE_ERR_DUPLICATE_EMAIL");
  const page = await call(app, "GET", "/api/users?limit=1", { headers: { cookie } });
  assert.equal(page.status, 200);
  assert.equal(page.body.items.length, 1);
  assert.ok(page.body.next_cursor);
  const missing = await call(app, "GET", "/api/users/0190b8a2-7c1e-7d4a-9f3e-000000000000", { headers: { cookie } });
  assert.equal(missing.status, 404);
  assert.equal(missing.body.code, "DATASERVICE_ERR_USER_NOT_FOUND");
  const workspaces = await call(app, "GET", "/api/workspaces", { headers: { cookie } });
  assert.deepEqual(workspaces.body, { items: [], install_url: "http://slackbot.test/slack/install" });
  const search = await call(app, "GET", "/api/users?q=gussie", { headers: { cookie } });
  assert.equal(search.status, 200, JSON.stringify(search.body));
});
