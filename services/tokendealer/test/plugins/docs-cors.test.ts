import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { FastifyInstance } from "fastify";
import { CORS_ALLOWED_HEADERS } from "../../src/plugins/docs-cors.ts";
import { addClient, basic, build, postForm } from "../helper.ts";

const DOCS = "http://127.0.0.1:41001";
const OTHER = "http://evil.example";

/** A browser's preflight before Swagger UI's token request from `origin`. */
function preflight(app: FastifyInstance, origin: string, url = "/oauth/token", method = "POST") {
  return app.inject({
    method: "OPTIONS",
    url,
    headers: {
      origin,
      "access-control-request-method": method,
      "access-control-request-headers": "authorization,x-requested-with",
    },
  });
}

describe("CORS for the suite's docs pages", () => {
  test("a preflight from a docs origin on a non-default port answers 204 with that origin, POST and the headers", async (t) => {
    const app = await build(t, { docsOrigins: [DOCS] });
    const res = await preflight(app, DOCS);
    assert.equal(res.statusCode, 204);
    assert.equal(res.headers["access-control-allow-origin"], DOCS);
    assert.equal(res.headers["access-control-allow-methods"], "POST");
    assert.equal(res.headers["access-control-allow-headers"], CORS_ALLOWED_HEADERS);
    for (const header of ["authorization", "x-requested-with", "content-type"]) {
      assert.match(String(res.headers["access-control-allow-headers"]), new RegExp(header, "i"));
    }
    assert.match(String(res.headers.vary), /Origin/);
    assert.equal(res.body, "");
    const jwks = await preflight(app, DOCS, "/.well-known/jwks.json", "GET");
    assert.equal(jwks.statusCode, 204);
    assert.equal(jwks.headers["access-control-allow-methods"], "GET");
  });

  test("another origin gets no CORS header: its preflight is the 404 of any unknown route", async (t) => {
    const app = await build(t, { docsOrigins: [DOCS] });
    for (const origin of [OTHER, "http://127.0.0.1:41002", "null", `${DOCS}/`]) {
      const res = await preflight(app, origin);
      assert.equal(res.statusCode, 404, origin);
      assert.equal(res.headers["content-type"], "application/problem+json", origin);
      assert.equal(res.headers["access-control-allow-origin"], undefined, origin);
      assert.equal(res.headers["access-control-allow-methods"], undefined, origin);
    }
    // An OPTIONS that is no preflight (no Access-Control-Request-Method) is not one either.
    const plain = await app.inject({ method: "OPTIONS", url: "/oauth/token", headers: { origin: DOCS } });
    assert.equal(plain.statusCode, 404);
    // Not `*`, and not on other routes.
    const introspect = await preflight(app, DOCS, "/oauth/introspect");
    assert.equal(introspect.statusCode, 404);
    assert.equal(introspect.headers["access-control-allow-origin"], undefined);
  });

  test("the token answers carry the docs origin, errors included; other origins' answers none", async (t) => {
    const app = await build(t, { docsOrigins: [DOCS] });
    const client = await addClient(app);
    const form = { grant_type: "client_credentials", audience: "dataservice" };
    const ok = await postForm(app, "/oauth/token", form, {
      authorization: basic(client.id, client.secret),
      origin: DOCS,
    });
    assert.equal(ok.statusCode, 200);
    assert.equal(ok.headers["access-control-allow-origin"], DOCS);
    assert.match(String(ok.headers.vary), /Origin/);
    const refused = await postForm(app, "/oauth/token", form, {
      authorization: basic(client.id, "wrong"),
      origin: DOCS,
    });
    assert.equal(refused.statusCode, 401);
    assert.equal(refused.headers["access-control-allow-origin"], DOCS, "Swagger UI can show why");
    const other = await postForm(app, "/oauth/token", form, {
      authorization: basic(client.id, client.secret),
      origin: OTHER,
    });
    assert.equal(other.statusCode, 200);
    assert.equal(other.headers["access-control-allow-origin"], undefined);
    const jwks = await app.inject({ method: "GET", url: "/.well-known/jwks.json", headers: { origin: DOCS } });
    assert.equal(jwks.headers["access-control-allow-origin"], DOCS);
    const health = await app.inject({ method: "GET", url: "/health", headers: { origin: DOCS } });
    assert.equal(health.headers["access-control-allow-origin"], undefined);
  });

  test("by default the suite's docs pages on their default ports are allowed; the origins can be set once known", async (t) => {
    const app = await build(t);
    for (const origin of ["http://127.0.0.1:3001", "http://localhost:3004", "http://[::1]:3002"]) {
      assert.equal((await preflight(app, origin)).statusCode, 204, origin);
    }
    assert.equal((await preflight(app, DOCS)).statusCode, 404);
    app.docsCors.origins = [DOCS];
    assert.equal((await preflight(app, DOCS)).statusCode, 204);
    assert.equal((await preflight(app, "http://127.0.0.1:3001")).statusCode, 404);
  });
});
