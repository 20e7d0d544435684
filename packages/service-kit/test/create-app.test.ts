import assert from "node:assert/strict";
import { Writable } from "node:stream";
import { test } from "node:test";
import { gunzipSync, gzipSync } from "node:zlib";
import { decodeBody, encodeBody } from "@jeeves/codecs";
import { createApp, openapiRoutes } from "../src/index.ts";
import { build, echoHandlers, echoSpec } from "./helper.ts";

const TYPES = ["application/json", "application/msgpack", "application/x-protobuf"];
const schema = (echoSpec.components as { schemas: Record<string, never> }).schemas.Health;

test("responses are filtered by their schema in every encoding", async (t) => {
  const app = await build(t);
  for (const type of TYPES) {
    const res = await app.inject({ method: "GET", url: "/ok", headers: { accept: type } });
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers["content-type"], type);
    const body = decodeBody(type, res.rawPayload, schema, true);
    assert.deepEqual(body, { status: "ok", service: "", checks: [] }, type);
  }
});

test("bodies in every encoding are parsed, validated and answered in the negotiated one", async (t) => {
  const app = await build(t);
  const value = { status: "ok", service: "kit", checks: [{ name: "db", status: "ok" }] };
  for (const sent of TYPES) {
    for (const wanted of TYPES) {
      const res = await app.inject({
        method: "POST",
        url: "/echo",
        headers: { "content-type": sent, accept: wanted },
        payload: encodeBody(sent, value, schema, "request"),
      });
      assert.equal(res.statusCode, 200, `${sent} → ${wanted}`);
      assert.deepEqual(decodeBody(wanted, res.rawPayload, schema, true), value);
    }
  }
});

test("responses above 1 KiB are gzipped in every encoding when accepted, smaller ones never", async (t) => {
  const app = await build(t);
  for (const type of TYPES) {
    const big = await app.inject({
      method: "GET",
      url: "/ok?size=5000",
      headers: { accept: type, "accept-encoding": "gzip" },
    });
    assert.equal(big.headers["content-encoding"], "gzip", type);
    const body = decodeBody(type, gunzipSync(big.rawPayload), schema, true) as { service: string };
    assert.equal(body.service.length, 5000);
    const notAsked = await app.inject({ method: "GET", url: "/ok?size=5000", headers: { accept: type } });
    assert.equal(notAsked.headers["content-encoding"], undefined);
    const small = await app.inject({
      method: "GET",
      url: "/ok?size=10",
      headers: { accept: type, "accept-encoding": "gzip" },
    });
    assert.equal(small.headers["content-encoding"], undefined, `${type} under the threshold`);
  }
});

test("gzip request bodies are inflated before parsing", async (t) => {
  const app = await build(t);
  const value = { status: "ok", service: "zipped", checks: [] };
  const res = await app.inject({
    method: "POST",
    url: "/echo",
    headers: { "content-type": "application/msgpack", "content-encoding": "gzip", accept: "application/json" },
    payload: gzipSync(encodeBody("application/msgpack", value, schema, "request")),
  });
  assert.equal(res.statusCode, 200);
  assert.deepEqual(res.json(), value);
});

test("a Content-Encoding the kit does not inflate answers 415 naming it; bytes that do not inflate answer 400", async (t) => {
  const app = await build(t);
  for (const encoding of ["br", "zstd", "x-unknown"]) {
    const res = await app.inject({
      method: "POST",
      url: "/echo",
      headers: { "content-type": "application/json", "content-encoding": encoding },
      payload: Buffer.from("{}"),
    });
    assert.equal(res.statusCode, 415, encoding);
    assert.equal(res.headers["content-type"], "application/problem+json");
    assert.equal(res.json().code, "SERVICE_ERR_UNSUPPORTED_MEDIA_TYPE");
    assert.equal(res.json().detail, `Content-Encoding ${encoding} is not supported; use gzip or deflate`);
  }
  const broken = await app.inject({
    method: "POST",
    url: "/echo",
    headers: { "content-type": "application/json", "content-encoding": "gzip" },
    payload: Buffer.from("not gzip"),
  });
  assert.equal(broken.statusCode, 400);
  assert.equal(broken.headers["content-type"], "application/problem+json");
  assert.equal(broken.json().code, "SERVICE_ERR_MALFORMED_BODY");
});

test("a 5xx answers a problem without the error's details, and logs them", async (t) => {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  const app = await build(t, { logger: { level: "info", stream } });
  const res = await app.inject({ method: "GET", url: "/boom" });
  assert.equal(res.statusCode, 500);
  assert.equal(res.headers["content-type"], "application/problem+json");
  assert.deepEqual(res.json(), {
    type: "urn:jeeves:problem:internal-server-error",
    title: "Internal Server Error",
    status: 500,
    code: "SERVICE_ERR_INTERNAL",
    instance: "/boom",
  });
  assert.ok(!res.body.includes("hunter2"));
  assert.ok(lines.some((l) => l.includes("connection to db") && l.includes('"level":50')));
});

test("a protobuf response that does not fit its message is a server bug: 500, logged with the field", async (t) => {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  const wrong = { status: "ok", service: { name: "kit" }, checks: [] };
  const app = await build(t, {
    logger: { level: "info", stream },
    handlers: { ...echoHandlers, echo: () => ({ status: 200, body: wrong }) },
  });
  const body = encodeBody("application/json", { status: "ok", service: "kit", checks: [] }, schema, "request");
  const res = await app.inject({
    method: "POST",
    url: "/echo",
    headers: { "content-type": "application/json", accept: "application/x-protobuf" },
    payload: body,
  });
  assert.equal(res.statusCode, 500);
  assert.equal(res.headers["content-type"], "application/problem+json");
  assert.deepEqual(res.json(), {
    type: "urn:jeeves:problem:internal-server-error",
    title: "Internal Server Error",
    status: 500,
    code: "SERVICE_ERR_INTERNAL",
    instance: "/echo",
  });
  const logged = lines.find((l) => l.includes('"level":50'));
  assert.match(logged ?? "", /jeeves\.v1\.Health\.service: expected string, got object/);
  assert.match(logged ?? "", /CODECS_ERR_PROTOBUF_VALUE/);
  const json = await app.inject({
    method: "POST",
    url: "/echo",
    headers: { "content-type": "application/json" },
    payload: body,
  });
  assert.equal(json.statusCode, 200, "JSON writes what it is given; only protobuf cannot");
});

test("a coded 503 keeps its status, code and headers", async (t) => {
  const app = await build(t);
  const res = await app.inject({ method: "GET", url: "/unavailable" });
  assert.equal(res.statusCode, 503);
  assert.equal(res.headers["retry-after"], "30");
  assert.equal(res.json().code, "ECHO_ERR_DOWN");
  assert.equal(res.json().detail, undefined, "5xx details stay in the log");
});

test("registering a spec with an operation that has no handler fails at start-up", async (t) => {
  const app = await createApp({ name: "echo", spec: echoSpec, logger: false });
  t.after(() => app.close());
  const { boom: _boom, ...partial } = echoHandlers;
  await assert.rejects(async () => {
    await app.register(openapiRoutes, { spec: echoSpec, handlers: partial });
    await app.ready();
  }, /no handler for boom/);
});
