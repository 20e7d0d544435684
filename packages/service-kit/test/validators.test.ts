import assert from "node:assert/strict";
import { test } from "node:test";
import { encodeBody } from "@jeeves/codecs";
import { createApp, openapiRoutes } from "../src/index.ts";
import { build, echoSpec } from "./helper.ts";

const schema = (echoSpec.components as { schemas: Record<string, never> }).schemas.Health;

test("a JSON or MessagePack body with a number where a string is required answers 400, not the string", async (t) => {
  const app = await build(t);
  const wrong = { status: 42, service: Number.NaN, checks: [] };
  const bodies: Array<[string, Buffer]> = [
    ["application/json", Buffer.from(JSON.stringify({ status: 42, service: "kit", checks: [] }))],
    ["application/msgpack", encodeBody("application/msgpack", wrong, undefined, "request")],
  ];
  for (const [type, payload] of bodies) {
    const res = await app.inject({ method: "POST", url: "/echo", headers: { "content-type": type }, payload });
    assert.equal(res.statusCode, 400, type);
    assert.equal(res.headers["content-type"], "application/problem+json");
    assert.equal(res.json().code, "SERVICE_ERR_VALIDATION");
    const fields = res.json().errors.map((e: { field: string }) => e.field);
    assert.ok(fields.includes("/body/status"), `${type}: ${fields}`);
    if (type === "application/msgpack") assert.ok(fields.includes("/body/service"), "NaN is not a string either");
  }
});

test("nor is a lone value wrapped into a required array, nor null made a string", async (t) => {
  const app = await build(t);
  const cases = [
    { status: "ok", service: "kit", checks: { name: "db", status: "ok" } },
    { status: null, service: "kit", checks: [] },
    { status: true, service: "kit", checks: [] },
  ];
  for (const value of cases) {
    const res = await app.inject({ method: "POST", url: "/echo", payload: value });
    assert.equal(res.statusCode, 400, JSON.stringify(value));
  }
});

test("a protobuf body with a number where a string is required, or a field the message lacks, answers 400", async (t) => {
  const app = await build(t);
  const kit = [0x12, 3, ...Buffer.from("kit")];
  const bodies = {
    // Field 1 (status, a string) as the varint 42: not read as "", nor as "42".
    "status as a varint": Buffer.from([0x08, 42, ...kit]),
    "a field 9 the message does not have": Buffer.from([0x0a, 2, ...Buffer.from("ok"), ...kit, 0x48, 1]),
    "a nested check with a varint name": Buffer.from([0x0a, 2, ...Buffer.from("ok"), ...kit, 0x1a, 2, 0x08, 7]),
  };
  for (const [name, payload] of Object.entries(bodies)) {
    const res = await app.inject({
      method: "POST",
      url: "/echo",
      headers: { "content-type": "application/x-protobuf" },
      payload,
    });
    assert.equal(res.statusCode, 400, name);
    assert.equal(res.headers["content-type"], "application/problem+json");
    assert.equal(res.json().code, "SERVICE_ERR_MALFORMED_BODY", name);
  }
  const good = { status: "ok", service: "kit", checks: [{ name: "db", status: "ok" }] };
  const ok = await app.inject({
    method: "POST",
    url: "/echo",
    headers: { "content-type": "application/x-protobuf" },
    payload: encodeBody("application/x-protobuf", good, schema, "request"),
  });
  assert.equal(ok.statusCode, 200, "a well-typed protobuf body still passes");
  assert.deepEqual(ok.json(), good);
});

test("query strings, path parameters and headers are still coerced from text", async (t) => {
  const spec = {
    openapi: "3.0.3",
    info: { title: "typed", version: "1.0.0" },
    paths: {
      "/items/{itemId}": {
        get: {
          operationId: "getItem",
          parameters: [
            { name: "itemId", in: "path", required: true, schema: { type: "integer" } },
            { name: "limit", in: "query", schema: { type: "integer" } },
            { name: "flag", in: "query", schema: { type: "boolean" } },
            { name: "x-count", in: "header", schema: { type: "integer" } },
          ],
          responses: { "204": { description: "ok" } },
        },
      },
    },
  };
  const seen: unknown[] = [];
  const app = await createApp({ name: "typed", spec, logger: false });
  await app.register(openapiRoutes, {
    spec,
    handlers: {
      getItem: ({ params, query, headers }: { params: object; query: object; headers: Record<string, unknown> }) => {
        seen.push({ ...params, ...query, count: headers["x-count"] });
        return { status: 204 };
      },
    },
  });
  t.after(() => app.close());
  const res = await app.inject({ method: "GET", url: "/items/7?limit=42&flag=true", headers: { "x-count": "3" } });
  assert.equal(res.statusCode, 204);
  assert.deepEqual(seen, [{ itemId: 7, limit: 42, flag: true, count: 3 }]);
  const bad = await app.inject({ method: "GET", url: "/items/seven" });
  assert.equal(bad.statusCode, 400);
  assert.equal(bad.json().errors[0].field, "/params/itemId");
});
