import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { decodeJwt, jwtVerify } from "jose";
import { addClient, appJwks, basic, build, ISSUER, postForm } from "../helper.ts";

const CC = { grant_type: "client_credentials" };

describe("issueToken", () => {
  it("answers a JWT that verifies against the app's JWKS, with every claim, and Cache-Control no-store", async (t) => {
    const app = await build(t, { ttlSeconds: 900 });
    const client = await addClient(app, "svc", ["users:read", "users:write"], ["dataservice", "weather"]);
    const res = await postForm(
      app,
      "/oauth/token",
      { ...CC, scope: "users:read", audience: "weather" },
      {
        authorization: basic(client.id, client.secret),
      },
    );
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers["cache-control"], "no-store");
    assert.match(String(res.headers["content-type"]), /^application\/json/);
    const body = res.json();
    assert.deepEqual(Object.keys(body).sort(), ["access_token", "expires_in", "scope", "token_type"]);
    assert.equal(body.token_type, "Bearer");
    assert.equal(body.expires_in, 900);
    assert.equal(body.scope, "users:read");

    const { payload, protectedHeader } = await jwtVerify(body.access_token, await appJwks(app), {
      issuer: ISSUER,
      audience: "weather",
    });
    const published = (await app.inject({ method: "GET", url: "/.well-known/jwks.json" })).json().keys;
    assert.ok(published.some((key: { kid: string }) => key.kid === protectedHeader.kid));
    assert.equal(protectedHeader.kid, app.keys.signingKey()?.kid);
    assert.equal(protectedHeader.alg, "RS256");
    assert.equal(protectedHeader.typ, "at+jwt");
    assert.equal(payload.iss, ISSUER);
    assert.equal(payload.sub, "svc");
    assert.equal(payload.client_id, "svc");
    assert.equal(payload.aud, "weather", "aud is one string");
    assert.equal(payload.scope, "users:read");
    const now = Math.floor(Date.now() / 1000);
    assert.ok(Math.abs((payload.iat ?? 0) - now) <= 5);
    assert.equal(payload.exp, (payload.iat ?? 0) + 900);
    assert.match(String(payload.jti), /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it("gives every token a new jti", async (t) => {
    const app = await build(t);
    const client = await addClient(app);
    const jtis = new Set<unknown>();
    for (let i = 0; i < 3; i++) {
      const res = await postForm(app, "/oauth/token", CC, { authorization: basic(client.id, client.secret) });
      jtis.add(decodeJwt(res.json().access_token).jti);
    }
    assert.equal(jtis.size, 3);
  });

  it("authenticates by form fields too (client_secret_post)", async (t) => {
    const app = await build(t);
    const client = await addClient(app);
    const res = await postForm(app, "/oauth/token", { ...CC, client_id: client.id, client_secret: client.secret });
    assert.equal(res.statusCode, 200);
    assert.equal(decodeJwt(res.json().access_token).sub, client.id);
  });

  it("authenticates the default clients with the secrets the embedded default wrote", async (t) => {
    const app = await build(t);
    const { readFile } = await import("node:fs/promises");
    const secretsDir = app.clients.file.replace(/clients\.yaml$/, "secrets");
    const secret = (await readFile(`${secretsDir}/actions.secret`, "utf8")).trim();
    const res = await postForm(
      app,
      "/oauth/token",
      { ...CC, audience: "dataservice" },
      {
        authorization: basic("actions", secret),
      },
    );
    assert.equal(res.statusCode, 200);
    assert.equal(res.json().scope, "users:read users:write weather:read");
  });

  it("answers invalid_request when both authentication methods are used", async (t) => {
    const app = await build(t);
    const client = await addClient(app);
    const res = await postForm(
      app,
      "/oauth/token",
      { ...CC, client_id: client.id, client_secret: client.secret },
      {
        authorization: basic(client.id, client.secret),
      },
    );
    assert.equal(res.statusCode, 400);
    assert.equal(res.json().error, "invalid_request");
  });

  it("answers 401 invalid_client with a Basic challenge for a wrong secret, an unknown client, or none", async (t) => {
    const app = await build(t);
    const client = await addClient(app);
    const wrong = await postForm(app, "/oauth/token", CC, { authorization: basic(client.id, `${client.secret}x`) });
    const unknown = await postForm(app, "/oauth/token", CC, { authorization: basic("nobody", client.secret) });
    const wrongPost = await postForm(app, "/oauth/token", { ...CC, client_id: client.id, client_secret: "nope" });
    const none = await postForm(app, "/oauth/token", CC);
    for (const res of [wrong, unknown, wrongPost, none]) {
      assert.equal(res.statusCode, 401);
      assert.equal(res.headers["www-authenticate"], 'Basic realm="jeeves", charset="UTF-8"');
      assert.match(String(res.headers["content-type"]), /^application\/json/);
      assert.deepEqual(res.json(), { error: "invalid_client", error_description: "client authentication failed" });
    }
    assert.equal(unknown.body, wrong.body, "an unknown client gets the same answer as a wrong secret");
  });

  it("checks the client before the grant: a bad grant type from an unknown client is still 401", async (t) => {
    const app = await build(t);
    const res = await postForm(app, "/oauth/token", { grant_type: "password" }, { authorization: basic("x", "y") });
    assert.equal(res.statusCode, 401);
  });

  it("answers invalid_request without grant_type and unsupported_grant_type for another one", async (t) => {
    const app = await build(t);
    const client = await addClient(app);
    const auth = { authorization: basic(client.id, client.secret) };
    const missing = await postForm(app, "/oauth/token", {}, auth);
    assert.equal(missing.statusCode, 400);
    assert.deepEqual(missing.json(), { error: "invalid_request", error_description: "grant_type is required" });
    const other = await postForm(app, "/oauth/token", { grant_type: "authorization_code", code: "x" }, auth);
    assert.equal(other.statusCode, 400);
    assert.equal(other.json().error, "unsupported_grant_type");
    assert.equal(other.headers["cache-control"], "no-store");
  });

  it("answers invalid_scope for a scope the client may not have", async (t) => {
    const app = await build(t);
    const client = await addClient(app, "svc", ["users:read"], ["dataservice"]);
    const res = await postForm(
      app,
      "/oauth/token",
      { ...CC, scope: "users:read workspaces:secrets" },
      {
        authorization: basic(client.id, client.secret),
      },
    );
    assert.equal(res.statusCode, 400);
    assert.equal(res.json().error, "invalid_scope");
    assert.match(res.json().error_description, /workspaces:secrets/);
  });

  it("answers invalid_target for an audience the client may not use", async (t) => {
    const app = await build(t);
    const client = await addClient(app, "svc", ["users:read"], ["dataservice"]);
    const res = await postForm(
      app,
      "/oauth/token",
      { ...CC, audience: "slackbot" },
      {
        authorization: basic(client.id, client.secret),
      },
    );
    assert.equal(res.statusCode, 400);
    assert.equal(res.json().error, "invalid_target");
  });

  it("defaults to all the client's scopes and its only audience; asks for an audience when it has several", async (t) => {
    const app = await build(t);
    const one = await addClient(app, "one", ["users:read", "chat:write"], ["dataservice"]);
    const res = await postForm(app, "/oauth/token", CC, { authorization: basic(one.id, one.secret) });
    assert.equal(res.statusCode, 200);
    assert.equal(res.json().scope, "users:read chat:write");
    const claims = decodeJwt(res.json().access_token);
    assert.equal(claims.aud, "dataservice");
    assert.equal(claims.scope, "users:read chat:write");

    const two = await addClient(app, "two", ["users:read"], ["dataservice", "weather"]);
    const ask = await postForm(app, "/oauth/token", CC, { authorization: basic(two.id, two.secret) });
    assert.equal(ask.statusCode, 400);
    assert.deepEqual(ask.json(), {
      error: "invalid_request",
      error_description: "audience is required: one of dataservice, weather",
    });
  });

  it("answers 415 problem+json for a body that is not form-encoded", async (t) => {
    const app = await build(t);
    const client = await addClient(app);
    const res = await app.inject({
      method: "POST",
      url: "/oauth/token",
      headers: { authorization: basic(client.id, client.secret), "content-type": "application/json" },
      payload: JSON.stringify(CC),
    });
    assert.equal(res.statusCode, 415);
    assert.equal(res.headers["content-type"], "application/problem+json");
    assert.equal(res.json().code, "SERVICE_ERR_UNSUPPORTED_MEDIA_TYPE");
  });

  it("never logs a secret or a token", async (t) => {
    const lines: string[] = [];
    const stream = { write: (line: string) => lines.push(line) };
    const app = await build(t, { logger: { level: "trace", stream } });
    const client = await addClient(app);
    const good = await postForm(app, "/oauth/token", CC, { authorization: basic(client.id, client.secret) });
    await postForm(app, "/oauth/token", { ...CC, client_id: client.id, client_secret: `${client.secret}x` });
    await postForm(app, "/oauth/introspect", {
      token: good.json().access_token,
      client_id: client.id,
      client_secret: client.secret,
    });
    const log = lines.join("");
    assert.match(log, /issued a token/);
    assert.match(log, /client authentication failed/);
    assert.equal(log.includes(client.secret), false);
    assert.equal(log.includes(good.json().access_token), false);
    assert.equal(log.includes(good.json().access_token.split(".")[2]), false);
  });
});
