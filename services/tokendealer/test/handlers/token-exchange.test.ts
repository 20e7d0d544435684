import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { describe, it } from "node:test";
import type { FastifyInstance } from "fastify";
import { jwtVerify } from "jose";
import { appJwks, basic, build, ISSUER, postForm } from "../helper.ts";

const EXCHANGE = "urn:ietf:params:oauth:grant-type:token-exchange";
const USER_ID_TYPE = "urn:jeeves:params:oauth:token-type:user-id";
const ACCESS_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:access_token";
const PERSON = "0190b8a2-7c1e-7d4a-9f3e-5b2a1c0d9e8f";

/** The exchange form for PERSON at the dataservice, with `extra` fields on top. */
const exchange = (extra: Record<string, string> = {}) => ({
  grant_type: EXCHANGE,
  subject_token: PERSON,
  subject_token_type: USER_ID_TYPE,
  audience: "dataservice",
  ...extra,
});

/** The default `dashboard` client's credentials, from the secret file the first start wrote. */
async function dashboard(app: FastifyInstance): Promise<{ id: string; secret: string }> {
  const secretsDir = app.clients.file.replace(/clients\.yaml$/, "secrets");
  return { id: "dashboard", secret: (await readFile(`${secretsDir}/dashboard.secret`, "utf8")).trim() };
}

async function refusal(app: FastifyInstance, client: { id: string; secret: string }, form: Record<string, string>) {
  const res = await postForm(app, "/oauth/token", form, { authorization: basic(client.id, client.secret) });
  assert.equal(res.statusCode, 400, res.body);
  assert.equal(res.headers["cache-control"], "no-store");
  return res.json() as { error: string; error_description: string };
}

describe("issueToken: token exchange for a person (RFC 8693)", () => {
  it("gives the dashboard a token for the person: sub the user id, client_id and act the dashboard", async (t) => {
    const app = await build(t, { ttlSeconds: 900 });
    const client = await dashboard(app);
    const res = await postForm(app, "/oauth/token", exchange(), { authorization: basic(client.id, client.secret) });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.headers["cache-control"], "no-store");
    const body = res.json();
    assert.deepEqual(Object.keys(body).sort(), [
      "access_token",
      "expires_in",
      "issued_token_type",
      "scope",
      "token_type",
    ]);
    assert.equal(body.token_type, "Bearer");
    assert.equal(body.expires_in, 900);
    assert.equal(body.issued_token_type, ACCESS_TOKEN_TYPE);
    assert.equal(body.scope, "users:read users:write workspaces:read", "all its person scopes by default");
    const { payload, protectedHeader } = await jwtVerify(body.access_token, await appJwks(app), {
      issuer: ISSUER,
      audience: "dataservice",
    });
    assert.equal(protectedHeader.typ, "at+jwt");
    assert.equal(payload.sub, PERSON);
    assert.equal(payload.client_id, "dashboard");
    assert.deepEqual(payload.act, { sub: "dashboard" });
    assert.equal(payload.aud, "dataservice");
    assert.equal(payload.scope, "users:read users:write workspaces:read");
    assert.equal(payload.iss, ISSUER);
    assert.equal(payload.exp, (payload.iat ?? 0) + 900);
    assert.match(String(payload.jti), /^[0-9a-f-]{36}$/);
  });

  it("takes the asked scopes among the person scopes, form authentication and an upper-case id", async (t) => {
    const app = await build(t);
    const client = await dashboard(app);
    const res = await postForm(app, "/oauth/token", {
      ...exchange({ scope: "users:read", subject_token: PERSON.toUpperCase() }),
      audience: "dataservice",
      client_id: client.id,
      client_secret: client.secret,
      requested_token_type: ACCESS_TOKEN_TYPE,
    });
    assert.equal(res.statusCode, 200, res.body);
    const { payload } = await jwtVerify(res.json().access_token, await appJwks(app), { audience: "dataservice" });
    assert.equal(payload.scope, "users:read");
    assert.equal(payload.sub, PERSON, "the user id as the dataservice keeps it");
  });

  it("refuses every client without person scopes with unauthorized_client, the administrator's too", async (t) => {
    const app = await build(t);
    const secretsDir = app.clients.file.replace(/clients\.yaml$/, "secrets");
    for (const id of ["actions", "slackbot", "scheduler", "jeeves-admin"]) {
      const secret = (await readFile(`${secretsDir}/${id}.secret`, "utf8")).trim();
      const body = await refusal(app, { id, secret }, exchange());
      assert.equal(body.error, "unauthorized_client", id);
    }
    const own = await app.clients.addClient("own", ["users:read"], ["dataservice"]);
    assert.equal((await refusal(app, own, exchange())).error, "unauthorized_client");
  });

  it("refuses a missing or malformed subject token, another subject token type, an actor token with invalid_request", async (t) => {
    const app = await build(t);
    const client = await dashboard(app);
    const cases: [Record<string, string>, RegExp][] = [
      [exchange({ subject_token: "" }), /subject_token is required/],
      [exchange({ subject_token: "bertie@example.com" }), /subject_token must be a user id/],
      [exchange({ subject_token: `${PERSON}0` }), /subject_token must be a user id/],
      [exchange({ subject_token_type: "" }), /subject_token_type must be/],
      [exchange({ subject_token_type: ACCESS_TOKEN_TYPE }), /subject_token_type must be/],
      [exchange({ actor_token: "x", actor_token_type: ACCESS_TOKEN_TYPE }), /actor_token is not taken/],
      [exchange({ requested_token_type: "urn:ietf:params:oauth:token-type:id_token" }), /requested_token_type/],
    ];
    for (const [form, description] of cases) {
      const body = await refusal(app, client, form);
      assert.equal(body.error, "invalid_request", JSON.stringify(form));
      assert.match(body.error_description, description);
    }
  });

  it("refuses scopes outside the person scopes with invalid_scope, another audience with invalid_target", async (t) => {
    const app = await build(t);
    const client = await dashboard(app);
    for (const scope of ["users:admin", "chat:write", "users:read workspaces:write"]) {
      const body = await refusal(app, client, exchange({ scope }));
      assert.equal(body.error, "invalid_scope", scope);
    }
    for (const audience of ["actions", "weather", "nowhere"]) {
      const body = await refusal(app, client, exchange({ audience }));
      assert.equal(body.error, "invalid_target", audience);
    }
  });

  it("asks for the audience of a client with person scopes for several; checks the client first", async (t) => {
    const app = await build(t);
    const client = await app.clients.addClient("two", ["users:read"], ["dataservice"], {
      dataservice: ["users:read"],
      weather: ["weather:read"],
    });
    const { audience: _none, ...form } = exchange();
    const body = await refusal(app, client, form);
    assert.equal(body.error, "invalid_request");
    assert.match(body.error_description, /audience is required: one of dataservice, weather/);
    const ok = await postForm(app, "/oauth/token", exchange({ audience: "weather" }), {
      authorization: basic(client.id, client.secret),
    });
    assert.equal(ok.statusCode, 200);
    const wrong = await postForm(app, "/oauth/token", exchange(), { authorization: basic(client.id, "wrong") });
    assert.equal(wrong.statusCode, 401);
  });

  it("introspects a person's token for the dashboard with sub and act; a stranger sees active:false", async (t) => {
    const app = await build(t);
    const client = await dashboard(app);
    const issued = await postForm(app, "/oauth/token", exchange({ scope: "users:read" }), {
      authorization: basic(client.id, client.secret),
    });
    const token = issued.json().access_token;
    const mine = await postForm(
      app,
      "/oauth/introspect",
      { token },
      { authorization: basic(client.id, client.secret) },
    );
    assert.equal(mine.statusCode, 200);
    const claims = mine.json();
    assert.equal(claims.active, true);
    assert.equal(claims.sub, PERSON);
    assert.equal(claims.client_id, "dashboard");
    assert.deepEqual(claims.act, { sub: "dashboard" });
    assert.equal(claims.scope, "users:read");
    const stranger = await app.clients.addClient("stranger", ["users:read"], ["dataservice"]);
    const theirs = await postForm(
      app,
      "/oauth/introspect",
      { token },
      { authorization: basic(stranger.id, stranger.secret) },
    );
    assert.deepEqual(theirs.json(), { active: false });
  });

  it("lists the token exchange grant in the metadata, and person scopes among the scopes", async (t) => {
    const app = await build(t);
    const metadata = (await app.inject({ method: "GET", url: "/.well-known/oauth-authorization-server" })).json();
    assert.deepEqual(metadata.grant_types_supported, ["client_credentials", EXCHANGE]);
    await app.clients.addClient("people", ["users:read"], ["dataservice"], { dataservice: ["zeta:read"] });
    const after = (await app.inject({ method: "GET", url: "/.well-known/oauth-authorization-server" })).json();
    assert.ok(after.scopes_supported.includes("zeta:read"));
  });

  it("logs the person's id and the client, never the token", async (t) => {
    const lines: string[] = [];
    const app = await build(t, { logger: { level: "info", stream: { write: (line: string) => lines.push(line) } } });
    const client = await dashboard(app);
    const res = await postForm(app, "/oauth/token", exchange(), { authorization: basic(client.id, client.secret) });
    const log = lines.join("");
    assert.match(log, /issued a token for a person/);
    assert.match(log, new RegExp(`"sub":"${PERSON}"`));
    assert.equal(log.includes(res.json().access_token.split(".")[2]), false);
    assert.equal(log.includes(client.secret), false);
  });
});
