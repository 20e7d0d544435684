import assert from "node:assert/strict";
import { Readable } from "node:stream";
import { test } from "node:test";
import { gzipSync } from "node:zlib";
import type { FastifyReply, FastifyRequest } from "fastify";
import { createApp, defineErrors, openapiRoutes } from "../src/index.ts";
import { build, echoHandlers, echoSpec } from "./helper.ts";

const ERR = defineErrors("ECHO", { BAD_SIGNATURE: { status: 401, title: "Unauthorized" } });
const body = { status: "ok", service: "hooked", checks: [] };

/**
 * A preParsing hook that reads the raw bytes, refuses them unless they hold `hooked`, and hands them on
 * (with the length received on the wire, which fastify compares with Content-Length).
 */
function rawBodyGuard(seen: Buffer[]) {
  return async (
    _request: FastifyRequest,
    _reply: FastifyReply,
    payload: Readable & { receivedEncodedLength?: number },
  ) => {
    const chunks: Buffer[] = [];
    for await (const chunk of payload) chunks.push(Buffer.from(chunk));
    const raw = Buffer.concat(chunks);
    seen.push(raw);
    if (!raw.includes("hooked")) throw ERR.BAD_SIGNATURE({ detail: "not signed" });
    return Object.assign(Readable.from([raw]), { receivedEncodedLength: payload.receivedEncodedLength ?? raw.length });
  };
}

test("a service's preParsing hook sees the raw bytes first and can refuse even a body that would not parse", async (t) => {
  const seen: Buffer[] = [];
  const app = await build(t, { hooks: { echo: { preParsing: [rawBodyGuard(seen)] } } });
  const raw = JSON.stringify(body);
  const ok = await app.inject({
    method: "POST",
    url: "/echo",
    headers: { "content-type": "application/json" },
    payload: raw,
  });
  assert.equal(ok.statusCode, 200);
  assert.deepEqual(ok.json(), body, "the bytes handed on are parsed as usual");
  assert.equal(seen[0].toString(), raw);

  const garbage = await app.inject({
    method: "POST",
    url: "/echo",
    headers: { "content-type": "application/json" },
    payload: "{not json",
  });
  assert.equal(garbage.statusCode, 401, "refused before parsing, not 400");
  assert.equal(garbage.json().code, "ECHO_ERR_BAD_SIGNATURE");

  const other = await app.inject({ method: "GET", url: "/ok" });
  assert.equal(other.statusCode, 200);
  assert.equal(seen.length, 2, "other operations do not run the hook");
});

test("an empty body that passes the service's preParsing hook (signed, say) still answers 400, not 500", async (t) => {
  const seen: Buffer[] = [];
  let handled = 0;
  const emptySigned = async (
    _request: FastifyRequest,
    _reply: FastifyReply,
    payload: Readable & { receivedEncodedLength?: number },
  ) => {
    const chunks: Buffer[] = [];
    for await (const chunk of payload) chunks.push(Buffer.from(chunk));
    seen.push(Buffer.concat(chunks));
    return Object.assign(Readable.from([Buffer.concat(chunks)]), { receivedEncodedLength: 0 });
  };
  const app = await build(t, {
    hooks: { echo: { preParsing: [emptySigned] } },
    handlers: {
      ...echoHandlers,
      echo: () => {
        handled++;
        return { status: 200, body };
      },
    },
  });
  for (const headers of [{}, { "content-type": "application/json" }]) {
    const res = await app.inject({ method: "POST", url: "/echo", headers });
    assert.equal(res.statusCode, 400, JSON.stringify(headers));
    assert.equal(res.headers["content-type"], "application/problem+json");
    assert.deepEqual(res.json().errors, [{ field: "/body", message: "is required" }]);
  }
  assert.equal(seen.length, 2, "the service's hook saw both");
  assert.equal(handled, 0);
});

test("a gzip body reaches the service's preParsing hook inflated (the kit's hook runs first)", async (t) => {
  const seen: Buffer[] = [];
  const app = await build(t, { hooks: { echo: { preParsing: [rawBodyGuard(seen)] } } });
  const res = await app.inject({
    method: "POST",
    url: "/echo",
    headers: { "content-type": "application/json", "content-encoding": "gzip" },
    payload: gzipSync(JSON.stringify(body)),
  });
  assert.equal(res.statusCode, 200);
  assert.deepEqual(JSON.parse(seen[0].toString()), body);
});

test("preValidation and preHandler hooks run after the kit's checks, in the order given", async (t) => {
  const calls: string[] = [];
  const app = await build(t, {
    hooks: {
      echo: {
        preValidation: [
          async () => {
            calls.push("preValidation 1");
          },
          async () => {
            calls.push("preValidation 2");
          },
        ],
        preHandler: [
          async (request: FastifyRequest) => {
            calls.push("preHandler");
            if ((request.body as { service?: string }).service === "refused") throw ERR.BAD_SIGNATURE();
          },
        ],
      },
    },
  });
  const unsupported = await app.inject({
    method: "POST",
    url: "/echo",
    headers: { "content-type": "text/plain" },
    payload: "hi",
  });
  assert.equal(unsupported.statusCode, 415);
  assert.deepEqual(calls, [], "the kit's media type check refuses first");

  const ok = await app.inject({ method: "POST", url: "/echo", payload: body });
  assert.equal(ok.statusCode, 200);
  assert.deepEqual(calls, ["preValidation 1", "preValidation 2", "preHandler"]);

  const refused = await app.inject({ method: "POST", url: "/echo", payload: { ...body, service: "refused" } });
  assert.equal(refused.statusCode, 401, "the preHandler sees the validated body");
});

test("hooks for an operation the spec does not have fail at start-up", async (t) => {
  const app = await createApp({ name: "echo", spec: echoSpec, logger: false });
  t.after(() => app.close());
  await assert.rejects(async () => {
    await app.register(openapiRoutes, {
      spec: echoSpec,
      handlers: echoHandlers,
      verifier: { verify: () => Promise.reject(new Error("unused")) },
      hooks: { ecoh: { preHandler: [async () => {}] } },
    });
    await app.ready();
  }, /hooks for operations the spec does not have: ecoh/);
});

test("a text/html answer is sent as the handler wrote it, in UTF-8, not as a JSON string", async (t) => {
  const spec = {
    openapi: "3.0.3",
    info: { title: "page", version: "1.0.0" },
    paths: {
      "/page": {
        get: {
          operationId: "getPage",
          security: [],
          responses: { "200": { description: "A page.", content: { "text/html": { schema: { type: "string" } } } } },
        },
      },
    },
  };
  const page = '<!doctype html><p class="x">Jeeves is installed in Drones Club — “what ho”</p>';
  const app = await createApp({ name: "page", spec, logger: false });
  await app.register(openapiRoutes, { spec, handlers: { getPage: async () => ({ status: 200, body: page }) } });
  t.after(() => app.close());
  const answer = await app.inject({ method: "GET", url: "/page", headers: { accept: "text/html" } });
  assert.equal(answer.statusCode, 200);
  assert.equal(answer.headers["content-type"], "text/html; charset=utf-8");
  assert.equal(answer.body, page);
});
