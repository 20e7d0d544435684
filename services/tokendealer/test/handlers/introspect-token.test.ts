import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, it } from "node:test";
import { decodeJwt } from "jose";
import { signAccessToken } from "../../src/domain/access-token.ts";
import { addClient, basic, build, ISSUER, issue, postForm, tempDir } from "../helper.ts";

describe("introspectToken", () => {
  it("answers an active token's claims to the client it was issued to (Basic or form)", async (t) => {
    const app = await build(t);
    const svc = await addClient(app, "svc", ["users:read"], ["dataservice"]);
    const caller = svc;
    const token = await issue(app, svc);
    const claims = decodeJwt(token);
    const viaBasic = await postForm(
      app,
      "/oauth/introspect",
      { token },
      { authorization: basic(caller.id, caller.secret) },
    );
    assert.equal(viaBasic.statusCode, 200);
    assert.equal(viaBasic.headers["cache-control"], "no-store");
    assert.deepEqual(viaBasic.json(), {
      active: true,
      scope: "users:read",
      client_id: "svc",
      sub: "svc",
      aud: "dataservice",
      iss: ISSUER,
      exp: claims.exp,
      iat: claims.iat,
      jti: claims.jti,
      token_type: "Bearer",
    });
    const viaForm = await postForm(app, "/oauth/introspect", {
      token,
      token_type_hint: "access_token",
      client_id: caller.id,
      client_secret: caller.secret,
    });
    assert.deepEqual(viaForm.json(), viaBasic.json());
  });

  it("answers active:false for another client's token, and the claims to an admin (users:admin)", async (t) => {
    const app = await build(t);
    const owner = await addClient(app, "owner", ["users:read", "users:write"], ["dataservice"]);
    const other = await addClient(app, "other", ["users:read", "users:write"], ["dataservice"]);
    const admin = await addClient(app, "admin", ["users:read", "users:admin"], ["dataservice"]);
    const token = await issue(app, owner);
    const asOther = await postForm(
      app,
      "/oauth/introspect",
      { token },
      { authorization: basic(other.id, other.secret) },
    );
    assert.equal(asOther.statusCode, 200);
    assert.equal(asOther.headers["cache-control"], "no-store");
    assert.deepEqual(asOther.json(), { active: false }, "nothing about another client's token");
    const asForm = await postForm(app, "/oauth/introspect", {
      token,
      client_id: other.id,
      client_secret: other.secret,
    });
    assert.deepEqual(asForm.json(), { active: false });
    const asOwner = await postForm(
      app,
      "/oauth/introspect",
      { token },
      { authorization: basic(owner.id, owner.secret) },
    );
    assert.equal(asOwner.json().active, true);
    assert.equal(asOwner.json().client_id, "owner");
    const asAdmin = await postForm(
      app,
      "/oauth/introspect",
      { token },
      { authorization: basic(admin.id, admin.secret) },
    );
    assert.deepEqual(asAdmin.json(), asOwner.json());
  });

  it("answers jeeves-admin the claims of a default service's token, and a service nothing of another's", async (t) => {
    const dataDir = await tempDir(t);
    const app = await build(t, { dataDir });
    const secret = async (id: string) => (await readFile(join(dataDir, "secrets", `${id}.secret`), "utf8")).trim();
    const actions = { id: "actions", secret: await secret("actions") };
    const scheduler = { id: "scheduler", secret: await secret("scheduler") };
    const admin = { id: "jeeves-admin", secret: await secret("jeeves-admin") };
    const token = await issue(app, actions, { audience: "dataservice" });
    const answer = async (caller: { id: string; secret: string }) =>
      (await postForm(app, "/oauth/introspect", { token }, { authorization: basic(caller.id, caller.secret) })).json();
    assert.deepEqual(await answer(scheduler), { active: false });
    assert.equal((await answer(admin)).client_id, "actions");
    assert.equal((await answer(actions)).active, true);
  });

  it("answers active:false for a tampered signature, a tampered payload and garbage", async (t) => {
    const app = await build(t);
    const svc = await addClient(app);
    const auth = { authorization: basic(svc.id, svc.secret) };
    const token = await issue(app, svc, { audience: "dataservice" });
    const [header, payload, signature] = token.split(".");
    const badSignature = `${header}.${payload}.${signature.slice(0, 10)}${signature[10] === "A" ? "B" : "A"}${signature.slice(11)}`;
    const forged = Buffer.from(JSON.stringify({ ...decodeJwt(token), scope: "workspaces:secrets" })).toString(
      "base64url",
    );
    for (const candidate of [badSignature, `${header}.${forged}.${signature}`, "garbage", `${header}.${payload}.`]) {
      const res = await postForm(app, "/oauth/introspect", { token: candidate }, auth);
      assert.equal(res.statusCode, 200);
      assert.deepEqual(res.json(), { active: false });
    }
  });

  it("answers active:false for an expired token and one from another issuer, signed with the current key", async (t) => {
    const app = await build(t);
    const svc = await addClient(app);
    const key = app.keys.signingKey()!;
    const base = { clientId: "svc", audience: "dataservice", scopes: ["users:read"] };
    const expired = await signAccessToken(key, {
      ...base,
      issuer: ISSUER,
      ttlSeconds: 60,
      now: Math.floor(Date.now() / 1000) - 3600,
    });
    const foreign = await signAccessToken(key, { ...base, issuer: "http://elsewhere.test", ttlSeconds: 60 });
    const fine = await signAccessToken(key, { ...base, issuer: ISSUER, ttlSeconds: 60 });
    const auth = { authorization: basic(svc.id, svc.secret) };
    const answer = async (token: string) => (await postForm(app, "/oauth/introspect", { token }, auth)).json();
    assert.deepEqual(await answer(expired.token), { active: false });
    assert.deepEqual(await answer(foreign.token), { active: false });
    assert.equal((await answer(fine.token)).active, true);
  });

  it("answers active:false once the key that signed the token is retired", async (t) => {
    const app = await build(t);
    const svc = await addClient(app);
    const token = await issue(app, svc);
    const oldKid = app.keys.signingKey()!.kid;
    await app.keys.rotate();
    const auth = { authorization: basic(svc.id, svc.secret) };
    assert.equal((await postForm(app, "/oauth/introspect", { token }, auth)).json().active, true);
    await app.keys.retire(oldKid);
    assert.deepEqual((await postForm(app, "/oauth/introspect", { token }, auth)).json(), { active: false });
  });

  it("answers active:false for an expired token from a 1-second lifetime, once its second is over", async (t) => {
    t.mock.timers.enable({ apis: ["Date"], now: Date.now() });
    const app = await build(t, { ttlSeconds: 1 });
    const svc = await addClient(app);
    const token = await issue(app, svc);
    const auth = { authorization: basic(svc.id, svc.secret) };
    assert.equal((await postForm(app, "/oauth/introspect", { token }, auth)).json().active, true);
    t.mock.timers.tick(2_100);
    assert.deepEqual((await postForm(app, "/oauth/introspect", { token }, auth)).json(), { active: false });
  });

  it("answers 401 invalid_client to an unauthenticated caller and 400 invalid_request without a token", async (t) => {
    const app = await build(t);
    const svc = await addClient(app);
    const token = await issue(app, svc);
    for (const headers of [
      {},
      { authorization: basic(svc.id, "wrong") },
      { authorization: basic("ghost", "x") },
    ] as Record<string, string>[]) {
      const res = await postForm(app, "/oauth/introspect", { token }, headers);
      assert.equal(res.statusCode, 401);
      assert.equal(res.headers["www-authenticate"], 'Basic realm="jeeves", charset="UTF-8"');
      assert.equal(res.json().error, "invalid_client");
    }
    const missing = await postForm(app, "/oauth/introspect", {}, { authorization: basic(svc.id, svc.secret) });
    assert.equal(missing.statusCode, 400);
    assert.equal(missing.json().error, "invalid_request");
    const both = await postForm(
      app,
      "/oauth/introspect",
      { token, client_secret: svc.secret },
      {
        authorization: basic(svc.id, svc.secret),
      },
    );
    assert.equal(both.statusCode, 400);
    assert.equal(both.json().error, "invalid_request");
  });

  it("answers 415 for a JSON body", async (t) => {
    const app = await build(t);
    const res = await app.inject({
      method: "POST",
      url: "/oauth/introspect",
      headers: { "content-type": "application/json" },
      payload: "{}",
    });
    assert.equal(res.statusCode, 415);
    assert.equal(res.headers["content-type"], "application/problem+json");
  });
});
