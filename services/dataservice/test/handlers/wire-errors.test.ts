import assert from "node:assert/strict";
import { Writable } from "node:stream";
import { test } from "node:test";
import { gzipSync } from "node:zlib";
import { decodeBody, encodeMsgpack, SpecIndex } from "@jeeves/codecs";
import { spec } from "@jeeves/generated/specs/dataservice";
import { authHeader, build } from "../helper.ts";

const PROTOBUF = "application/x-protobuf";

const problemOf = (res: { headers: Record<string, unknown>; json(): unknown }) => {
  assert.equal(res.headers["content-type"], "application/problem+json");
  return res.json() as { status: number; code: string; errors?: Array<{ field: string; message: string }> };
};

test("an Accept that offers nothing the operation has answers 406", async (t) => {
  const app = await build(t);
  const res = await app.inject({
    method: "GET",
    url: "/users",
    headers: { ...authHeader(app), accept: "text/html, application/xml;q=0.9" },
  });
  assert.equal(res.statusCode, 406);
  assert.equal(problemOf(res).code, "SERVICE_ERR_NOT_ACCEPTABLE");
});

test("Accept q-values choose the encoding; no Accept means JSON", async (t) => {
  const app = await build(t);
  const pick = async (accept?: string) =>
    (await app.inject({ method: "GET", url: "/health", headers: accept ? { accept } : {} })).headers["content-type"];
  assert.equal(await pick(), "application/json");
  assert.equal(await pick("application/json;q=0.4, application/msgpack;q=0.8"), "application/msgpack");
  assert.equal(await pick("application/*;q=0.5, application/x-protobuf"), "application/x-protobuf");
  assert.equal(await pick("*/*"), "application/json");
  assert.equal(
    (await app.inject({ method: "GET", url: "/health", headers: { accept: "application/msgpack;q=0" } })).statusCode,
    406,
  );
});

test("a body in a media type or content encoding the operation does not take answers 415", async (t) => {
  const app = await build(t);
  const text = await app.inject({
    method: "POST",
    url: "/users",
    headers: { ...authHeader(app), "content-type": "text/plain" },
    payload: "display_name=Bertie",
  });
  assert.equal(text.statusCode, 415);
  assert.equal(problemOf(text).code, "SERVICE_ERR_UNSUPPORTED_MEDIA_TYPE");
  const xml = await app.inject({
    method: "POST",
    url: "/users",
    headers: { ...authHeader(app), "content-type": "application/xml" },
    payload: "<user/>",
  });
  assert.equal(xml.statusCode, 415);
  const brotli = await app.inject({
    method: "POST",
    url: "/users",
    headers: { ...authHeader(app), "content-type": "application/json", "content-encoding": "br" },
    payload: Buffer.from("not brotli"),
  });
  assert.equal(brotli.statusCode, 415);
  assert.equal(problemOf(brotli).code, "SERVICE_ERR_UNSUPPORTED_MEDIA_TYPE");
});

test("every operation that takes a body answers 400 on /body without one (or empty JSON or MessagePack), never 500", async (t) => {
  const app = await build(t);
  const values: Record<string, string> = {
    userId: "0190c1f2-4a5b-7c6d-8e9f-0a1b2c3d4e5f",
    key: "units",
    teamId: "T0123ABCD",
  };
  const withBody = [...new SpecIndex(spec).byId.values()].filter((op) => op.requestBody);
  assert.ok(withBody.length >= 8, withBody.map((op) => op.operationId).join(", "));
  for (const op of withBody) {
    const url = op.path.replace(/\{(\w+)\}/g, (_all, name: string) => values[name]);
    const types = [undefined, ...(op.requestBody?.mediaTypes ?? [])].filter((type) => type !== PROTOBUF);
    for (const type of types) {
      const res = await app.inject({
        method: op.method as "POST",
        url,
        headers: { ...authHeader(app), ...(type ? { "content-type": type } : {}) },
        ...(type ? { payload: "" } : {}),
      });
      assert.equal(res.statusCode, 400, `${op.operationId} ${type}`);
      assert.deepEqual(
        problemOf(res).errors,
        [{ field: "/body", message: "is required" }],
        `${op.operationId} ${type}`,
      );
    }
  }
  const list = await app.inject({ method: "GET", url: "/users", headers: authHeader(app) });
  assert.deepEqual(list.json().items, [], "nothing was stored");
});

test("every operation that takes protobuf answers zero bytes as the JSON of the message of defaults, never 500", async (t) => {
  const app = await build(t);
  const values: Record<string, string> = {
    userId: "0190c1f2-4a5b-7c6d-8e9f-0a1b2c3d4e5f",
    key: "units",
    teamId: "T0123ABCD",
  };
  const withProtobuf = [...new SpecIndex(spec).byId.values()].filter((op) =>
    op.requestBody?.mediaTypes.includes(PROTOBUF),
  );
  assert.ok(withProtobuf.length >= 8, withProtobuf.map((op) => op.operationId).join(", "));
  for (const op of withProtobuf) {
    const url = op.path.replace(/\{(\w+)\}/g, (_all, name: string) => values[name]);
    const defaults = decodeBody(PROTOBUF, new Uint8Array(0), op.requestBody?.schema, true);
    const answer = async (type: string, payload: string | Buffer) => {
      const res = await app.inject({
        method: op.method as "POST",
        url,
        headers: { ...authHeader(app), "content-type": type, accept: "application/json" },
        payload,
      });
      return { status: res.statusCode, type: res.headers["content-type"], body: res.body };
    };
    const empty = await answer(PROTOBUF, Buffer.alloc(0));
    const json = await answer("application/json", JSON.stringify(defaults));
    assert.ok(empty.status < 500, `${op.operationId}: ${empty.status} ${empty.body}`);
    assert.deepEqual(empty, json, `${op.operationId}: zero bytes of protobuf are ${JSON.stringify(defaults)}`);
  }
});

test("a body with a number where a string is required is refused, in JSON and MessagePack, not stored as text", async (t) => {
  const app = await build(t);
  const body = { display_name: 42 };
  for (const [type, payload] of [
    ["application/json", Buffer.from(JSON.stringify(body))],
    ["application/msgpack", encodeMsgpack(body)],
  ] as const) {
    const res = await app.inject({
      method: "POST",
      url: "/users",
      headers: { ...authHeader(app), "content-type": type },
      payload,
    });
    assert.equal(res.statusCode, 400, type);
    assert.equal(problemOf(res).errors?.[0]?.field, "/body/display_name", type);
  }
  const list = await app.inject({ method: "GET", url: "/users", headers: authHeader(app) });
  assert.deepEqual(list.json().items, [], "nothing was stored");
});

test("malformed MessagePack, protobuf, JSON or gzip bytes answer 400, never 500", async (t) => {
  const app = await build(t);
  const cases: Array<[string, Buffer, Record<string, string>?]> = [
    ["application/msgpack", Buffer.from([0x82, 0xa1])],
    ["application/msgpack", Buffer.from([0xc1])],
    ["application/x-protobuf", Buffer.from([0x0a, 0xff, 0xff, 0xff, 0xff, 0x0f])],
    ["application/x-protobuf", Buffer.from([0x0f])],
    ["application/json", Buffer.from('{"display_name": ')],
    ["application/json", Buffer.from("not gzip"), { "content-encoding": "gzip" }],
  ];
  for (const [type, payload, extra] of cases) {
    const res = await app.inject({
      method: "POST",
      url: "/users",
      headers: { ...authHeader(app), "content-type": type, ...extra },
      payload,
    });
    assert.equal(res.statusCode, 400, `${type} ${payload.toString("hex")}`);
    assert.equal(problemOf(res).status, 400);
  }
});

test("unknown properties are refused with a field error, in JSON and MessagePack, gzip or not", async (t) => {
  const app = await build(t);
  const body = { display_name: "Bertie", favourite_aunt: "Agatha" };
  const variants: Array<[string, Buffer]> = [
    ["application/json", Buffer.from(JSON.stringify(body))],
    ["application/msgpack", encodeMsgpack(body)],
  ];
  for (const [type, raw] of variants) {
    for (const gzip of [false, true]) {
      const res = await app.inject({
        method: "POST",
        url: "/users",
        headers: { ...authHeader(app), "content-type": type, ...(gzip ? { "content-encoding": "gzip" } : {}) },
        payload: gzip ? gzipSync(raw) : raw,
      });
      assert.equal(res.statusCode, 400);
      assert.deepEqual(problemOf(res).errors, [{ field: "/body/favourite_aunt", message: "is not allowed" }]);
    }
  }
  const list = await app.inject({ method: "GET", url: "/users", headers: authHeader(app) });
  assert.deepEqual(list.json().items, [], "nothing was stored");
});

test("x-request-id is echoed (or made) and every log line of a request carries it", async (t) => {
  const lines: Array<Record<string, unknown>> = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      for (const line of chunk.toString().split("\n").filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  const app = await build(t, { logger: { level: "info", stream } });
  const res = await app.inject({
    method: "GET",
    url: "/users/not-a-uuid",
    headers: { ...authHeader(app), "x-request-id": "req-42" },
  });
  assert.equal(res.statusCode, 400);
  assert.equal(res.headers["x-request-id"], "req-42");
  const mine = lines.filter((l) => l.request_id === "req-42");
  assert.ok(mine.length >= 2, "the request and its answer are logged");
  assert.ok(lines.filter((l) => l.req || l.res).every((l) => typeof l.request_id === "string"));
  const made = await app.inject({ method: "GET", url: "/health", headers: { "x-request-id": "bad id with spaces" } });
  assert.match(String(made.headers["x-request-id"]), /^[0-9a-f-]{36}$/);
});

test("an unknown route answers a 404 problem; /docs serves Swagger UI and the spec", async (t) => {
  const app = await build(t);
  const res = await app.inject({ method: "GET", url: "/nowhere" });
  assert.equal(res.statusCode, 404);
  assert.equal(problemOf(res).code, "SERVICE_ERR_ROUTE_NOT_FOUND");
  const ui = await app.inject({ method: "GET", url: "/docs/" });
  assert.equal(ui.statusCode, 200);
  assert.match(ui.body, /swagger-ui/i);
  const json = await app.inject({ method: "GET", url: "/docs/json" });
  assert.equal(json.json().info.title, "Jeeves dataservice");
  assert.ok(json.json().paths["/users/{userId}"]);
});
