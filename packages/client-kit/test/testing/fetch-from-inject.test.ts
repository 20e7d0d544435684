import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { gunzipSync, gzipSync } from "node:zlib";
import { decodeBody, encodeBody, MSGPACK_TYPE } from "@jeeves/codecs";
import type { paths } from "@jeeves/generated/openapi/dataservice";
import { spec } from "@jeeves/generated/specs/dataservice";
import Fastify from "fastify";
import { createClient } from "../../src/index.ts";
import { fetchFromInject } from "../../testing/index.ts";
import { index } from "../fake-server.ts";

const USER = {
  id: "0190b8a2-7c1e-7d4a-9f3e-5b2a1c0d9e8f",
  display_name: "Bertie Wooster",
  is_admin: false,
  created_at: "2026-11-28T08:00:00.000Z",
  updated_at: "2026-11-28T08:00:00.000Z",
};

/** A tiny app: /echo/* answers what it got; /users plays a msgpack-only dataservice. */
function buildApp() {
  const app = Fastify();
  app.removeAllContentTypeParsers();
  app.addContentTypeParser("*", { parseAs: "buffer" }, (_request, body, done) => done(null, body));
  app.all("/echo/*", async (request, reply) => {
    reply.code(201).header("x-echo", "yes").header("set-cookie", ["a=1", "b=2"]);
    const body = request.body as Buffer | undefined;
    return {
      method: request.method,
      url: request.url,
      headers: request.headers,
      body: body && body.length > 0 ? body.toString("base64") : null,
    };
  });
  app.delete("/gone", async (_request, reply) => reply.code(204).header("x-gone", "1").send());
  app.post("/users", async (request, reply) => {
    const raw = request.body as Buffer;
    const bytes = request.headers["content-encoding"] === "gzip" ? gunzipSync(raw) : raw;
    const created = decodeBody(
      String(request.headers["content-type"]),
      bytes,
      index.operation("createUser").requestBody?.schema,
    );
    const user = { ...USER, ...(created as object) };
    const schema = index.response(index.operation("createUser"), 201)?.schema;
    let payload = encodeBody(MSGPACK_TYPE, user, schema);
    if (String(request.headers["accept-encoding"]).includes("gzip")) {
      payload = gzipSync(payload);
      reply.header("content-encoding", "gzip");
    }
    return reply.code(201).header("content-type", MSGPACK_TYPE).send(payload);
  });
  return app;
}

describe("fetchFromInject", () => {
  const app = buildApp();
  const fetch = fetchFromInject(app);
  before(() => app.ready());
  after(() => app.close());

  it("passes method, path, query, headers and body bytes, and answers status, headers and body", async () => {
    const bytes = Uint8Array.from({ length: 256 }, (_, i) => i);
    const response = await fetch(
      new Request("http://localhost/echo/a%20b?x=1&y=two&y=three", {
        method: "PUT",
        headers: { "content-type": "application/octet-stream", "x-test": "yes", authorization: "Bearer t" },
        body: bytes,
      }),
    );
    assert.ok(response instanceof Response);
    assert.equal(response.status, 201);
    assert.equal(response.headers.get("x-echo"), "yes");
    assert.deepEqual(response.headers.getSetCookie(), ["a=1", "b=2"]);
    assert.match(response.headers.get("content-type") ?? "", /^application\/json/);
    const echo = (await response.json()) as {
      method: string;
      url: string;
      headers: Record<string, string>;
      body: string;
    };
    assert.equal(echo.method, "PUT");
    assert.equal(echo.url, "/echo/a%20b?x=1&y=two&y=three");
    assert.equal(echo.headers["x-test"], "yes");
    assert.equal(echo.headers.authorization, "Bearer t");
    assert.equal(echo.headers["content-type"], "application/octet-stream");
    assert.equal(echo.headers.host, "localhost");
    assert.deepEqual(Buffer.from(echo.body, "base64"), Buffer.from(bytes));
  });

  it("sends a GET without a body", async () => {
    const response = await fetch(new Request("http://localhost/echo/x"));
    const echo = (await response.json()) as { method: string; body: string | null; headers: Record<string, string> };
    assert.equal(echo.method, "GET");
    assert.equal(echo.body, null);
    assert.equal(echo.headers["content-length"], undefined);
  });

  it("answers a 204 without a body", async () => {
    const response = await fetch(new Request("http://localhost/gone", { method: "DELETE" }));
    assert.equal(response.status, 204);
    assert.equal(response.body, null);
    assert.equal(response.headers.get("x-gone"), "1");
  });

  it("answers a 404 from fastify as it is", async () => {
    const response = await fetch(new Request("http://localhost/nowhere"));
    assert.equal(response.status, 404);
    assert.equal(((await response.json()) as { statusCode: number }).statusCode, 404);
  });

  it("carries a typed client's msgpack + gzip calls in-process", async () => {
    const client = createClient<paths>({
      spec,
      baseUrl: "http://localhost",
      encoding: "msgpack",
      gzip: true,
      fetch,
    });
    const { data, error, response } = await client.POST("/users", {
      body: { display_name: "Bertram", password: "what-ho-jeeves" },
    });
    assert.equal(error, undefined);
    assert.equal(response.status, 201);
    assert.deepEqual(data, { ...USER, display_name: "Bertram" });
  });
});
