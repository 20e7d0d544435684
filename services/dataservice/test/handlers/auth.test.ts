import assert from "node:assert/strict";
import { test } from "node:test";
import { SpecIndex } from "@jeeves/codecs";
import { spec } from "@jeeves/generated/specs/dataservice";
import { authOf, build } from "../helper.ts";
import { call, VARIANTS } from "../wire.ts";

const json = VARIANTS[0];
const index = new SpecIndex(spec);
const SAMPLE: Record<string, string> = {
  userId: "01900000-0000-7000-8000-000000000000",
  key: "units",
  teamId: "T0123ABCD",
};

test("every operation but health, readiness and metrics refuses a call without a token (401, Bearer challenge)", async (t) => {
  const app = await build(t);
  for (const op of index.byId.values()) {
    const url = op.path.replace(/\{(\w+)\}/g, (_, name: string) => SAMPLE[name]);
    const res = await app.inject({ method: op.method as "GET", url });
    if (op.path === "/health" || op.path === "/ready" || op.path === "/metrics") {
      assert.equal(res.statusCode, 200, op.operationId);
      continue;
    }
    assert.equal(res.statusCode, 401, op.operationId);
    assert.equal(res.headers["www-authenticate"], 'Bearer realm="jeeves"', op.operationId);
  }
  assert.equal((await app.inject({ method: "GET", url: "/docs/json" })).statusCode, 200, "docs stay open");
});

test("a token for another audience, a forged token or an expired one is refused", async (t) => {
  const app = await build(t);
  const { tokenWith, token } = authOf(app);
  const weather = await tokenWith(["users:read"], "weather");
  const res = await call(app, json, "listUsers", { url: "/users", headers: { authorization: `Bearer ${weather}` } });
  assert.equal(res.status, 401);
  assert.match(String(res.headers["www-authenticate"]), /error="invalid_token"/);
  const [h, p, s] = token.split(".");
  const forged = `${h}.${Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(p, "base64url").toString()), sub: "mallory" })).toString("base64url")}.${s}`;
  const forgedRes = await call(app, json, "listUsers", {
    url: "/users",
    headers: { authorization: `Bearer ${forged}` },
  });
  assert.equal(forgedRes.status, 401);
});

test("a missing scope answers 403 insufficient_scope; the right scope lets the call through", async (t) => {
  const app = await build(t);
  const { tokenWith } = authOf(app);
  const reader = `Bearer ${await tokenWith(["users:read"])}`;
  const create = await call(app, json, "createUser", {
    url: "/users",
    body: { display_name: "Bertie" },
    headers: { authorization: reader },
  });
  assert.equal(create.status, 403);
  assert.equal(
    create.headers["www-authenticate"],
    'Bearer realm="jeeves", error="insufficient_scope", scope="users:write"',
  );
  assert.equal(create.body.code, "SERVICE_ERR_INSUFFICIENT_SCOPE");
  assert.equal((await call(app, json, "listUsers", { url: "/users", headers: { authorization: reader } })).status, 200);
});

test("bot tokens need workspaces:secrets on top of workspaces:read", async (t) => {
  const app = await build(t);
  const { tokenWith } = authOf(app);
  await call(app, json, "installWorkspace", {
    url: "/workspaces/T0123ABCD",
    body: { team_name: "Drones", bot_user_id: "U0BOT0001", bot_token: "xoxb-secret", scopes: [] },
  });
  const reader = `Bearer ${await tokenWith(["workspaces:read"])}`;
  const plain = await call(app, json, "getWorkspace", {
    url: "/workspaces/T0123ABCD",
    headers: { authorization: reader },
  });
  assert.equal(plain.status, 200);
  const secret = await call(app, json, "getWorkspace", {
    url: "/workspaces/T0123ABCD?include_secrets=true",
    headers: { authorization: reader },
  });
  assert.equal(secret.status, 403);
  const trusted = `Bearer ${await tokenWith(["workspaces:read", "workspaces:secrets"])}`;
  const shown = await call(app, json, "getWorkspace", {
    url: "/workspaces/T0123ABCD?include_secrets=true",
    headers: { authorization: trusted },
  });
  assert.equal(shown.body.bot_token, "xoxb-secret");
});

test("with a running TokenDealer: rotation keeps old tokens valid until the key is retired, and an unknown kid costs one JWKS fetch", async (t) => {
  const { randomBytes } = await import("node:crypto");
  const { createTokenVerifier } = await import("@jeeves/service-kit");
  const { startTestTokenDealer } = await import("@jeeves/tokendealer/testing");
  const { buildApp } = await import("../../src/app.ts");
  const dealer = await startTestTokenDealer();
  t.after(() => dealer.close());
  const start = async () => {
    const verifier = createTokenVerifier({
      jwksUrl: dealer.jwksUrl,
      issuer: dealer.url,
      audience: "dataservice",
      cooldownMs: 0,
    });
    const app = await buildApp({
      databaseUrl: "sqlite::memory:",
      dataDir: "/nonexistent-unused",
      encryptionKey: randomBytes(32),
      logger: false,
      verifier,
    });
    t.after(() => app.close());
    return app;
  };
  const client = await dealer.addClient("rotation-test", ["users:read"], ["dataservice"]);
  const list = (app: Awaited<ReturnType<typeof start>>, token: string) =>
    app.inject({ method: "GET", url: "/users", headers: { authorization: `Bearer ${token}` } });
  const app = await start();
  const oldKid = dealer.currentKid();
  const oldToken = await dealer.token(client.id, client.secret, "dataservice");
  assert.equal((await list(app, oldToken)).statusCode, 200);
  assert.equal(dealer.jwksRequests(), 1);
  for (let i = 0; i < 5; i++) assert.equal((await list(app, oldToken)).statusCode, 200);
  assert.equal(dealer.jwksRequests(), 1, "a known key needs no fetch");

  const newKid = await dealer.rotate();
  const newToken = await dealer.token(client.id, client.secret, "dataservice");
  for (let i = 0; i < 5; i++) assert.equal((await list(app, newToken)).statusCode, 200);
  assert.equal(dealer.jwksRequests(), 2, "the unknown kid cost one refresh, not one per request");
  assert.notEqual(newKid, oldKid);
  assert.equal((await list(await start(), oldToken)).statusCode, 200, "the old key is still published");

  await dealer.retire(oldKid);
  const refused = await list(await start(), oldToken);
  assert.equal(refused.statusCode, 401, "after retirement a service that fetches the JWKS refuses the old token");
  assert.match(String(refused.headers["www-authenticate"]), /error="invalid_token"/);
  assert.equal((await list(await start(), newToken)).statusCode, 200);
});
