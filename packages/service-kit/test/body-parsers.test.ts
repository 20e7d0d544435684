import assert from "node:assert/strict";
import { test } from "node:test";
import type { AddressInfo } from "node:net";
import { connect } from "node:net";
import { gzipSync } from "node:zlib";
import { createApp, FORM_TYPE, openapiRoutes } from "../src/index.ts";
import { build, echoHandlers } from "./helper.ts";

const BODY_REQUIRED = {
  type: "urn:jeeves:problem:bad-request",
  title: "Bad Request",
  status: 400,
  detail: "/body is required",
  code: "SERVICE_ERR_VALIDATION",
  errors: [{ field: "/body", message: "is required" }],
  instance: "/echo",
};

/** Writes raw bytes on a socket and reads the whole answer (the server closes the connection). */
function rawRequest(port: number, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1", () => socket.write(text));
    const chunks: Buffer[] = [];
    socket.on("data", (chunk) => chunks.push(chunk));
    socket.on("end", () => resolve(Buffer.concat(chunks).toString()));
    socket.on("error", reject);
    socket.setTimeout(5000, () => socket.destroy(new Error("no answer in 5 s")));
  });
}

/** The fixture's handlers, with `echo` counting its calls. */
function counted() {
  const calls: unknown[] = [];
  const handlers = {
    ...echoHandlers,
    echo: ({ body }: { body: unknown }) => {
      calls.push(body);
      return { status: 200, body };
    },
  };
  return { calls, handlers };
}

test("a required body that is absent, or empty JSON or MessagePack, answers 400 problem+json on /body, before the handler", async (t) => {
  const { calls, handlers } = counted();
  const app = await build(t, { handlers });
  const cases: Array<[string, Record<string, string>, Buffer | undefined]> = [
    ["no body, no Content-Type", {}, undefined],
    ["no bytes, Content-Length 0", { "content-length": "0" }, Buffer.alloc(0)],
    ["empty JSON", { "content-type": "application/json" }, Buffer.alloc(0)],
    ["empty JSON with a charset", { "content-type": "application/json; charset=utf-8" }, Buffer.alloc(0)],
    ["empty MessagePack", { "content-type": "application/msgpack" }, Buffer.alloc(0)],
    ["gzip of nothing", { "content-type": "application/json", "content-encoding": "gzip" }, gzipSync(Buffer.alloc(0))],
  ];
  for (const [name, headers, payload] of cases) {
    const res = await app.inject({ method: "POST", url: "/echo", headers, ...(payload ? { payload } : {}) });
    assert.equal(res.statusCode, 400, name);
    assert.equal(res.headers["content-type"], "application/problem+json", name);
    assert.deepEqual(res.json(), BODY_REQUIRED, name);
  }
  assert.deepEqual(calls, [], "no handler ran");
});

test("zero bytes of protobuf are the message whose fields all equal their defaults, then validated as usual", async (t) => {
  const { calls, handlers } = counted();
  const app = await build(t, { handlers });
  const defaults = { status: "", service: "", checks: [] };
  const cases: Array<[string, Record<string, string>, Buffer]> = [
    ["no bytes", { "content-type": "application/x-protobuf" }, Buffer.alloc(0)],
    ["gzip of no bytes", { "content-type": "application/x-protobuf", "content-encoding": "gzip" }, gzipSync("")],
  ];
  for (const [name, headers, payload] of cases) {
    const res = await app.inject({
      method: "POST",
      url: "/echo",
      headers: { ...headers, accept: "application/json" },
      payload,
    });
    assert.equal(res.statusCode, 200, name);
    assert.deepEqual(res.json(), defaults, name);
  }
  assert.deepEqual(calls, [defaults, defaults], "the handler got the message of defaults, as JSON would carry it");
});

test("zero bytes of protobuf with no Content-Length are the message of defaults too (not a missing body)", async (t) => {
  const { calls, handlers } = counted();
  const app = await build(t, { handlers });
  await app.listen({ port: 0, host: "127.0.0.1" });
  const { port } = app.server.address() as AddressInfo;
  const raw = await rawRequest(
    port,
    "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-protobuf\r\nAccept: application/json\r\nConnection: close\r\n\r\n",
  );
  assert.match(raw, /^HTTP\/1\.1 200 /);
  assert.deepEqual(calls, [{ status: "", service: "", checks: [] }]);
});

test("zero bytes of protobuf that the schema refuses answer 400 from validation, naming the field", async (t) => {
  const schema = {
    type: "object",
    "x-proto-message": "jeeves.v1.Health",
    required: ["status"],
    properties: { status: { type: "string", minLength: 1 } },
  };
  const { app, seen } = await appFor(t, { required: true, content: { "application/x-protobuf": { schema } } });
  const res = await app.inject({
    method: "POST",
    url: "/take",
    headers: { "content-type": "application/x-protobuf" },
    payload: Buffer.alloc(0),
  });
  assert.equal(res.statusCode, 400);
  assert.equal(res.headers["content-type"], "application/problem+json");
  assert.equal(res.json().code, "SERVICE_ERR_VALIDATION");
  assert.deepEqual(
    res.json().errors.map((e: { field: string }) => e.field),
    ["/body/status"],
  );
  assert.deepEqual(seen, []);
});

test("bytes with no Content-Type, or an empty body of a type the operation does not take, answer 415", async (t) => {
  const { calls, handlers } = counted();
  const app = await build(t, { handlers });
  const untyped = await app.inject({ method: "POST", url: "/echo", payload: Buffer.from('{"status":"ok"}') });
  assert.equal(untyped.statusCode, 415);
  assert.equal(untyped.headers["content-type"], "application/problem+json");
  assert.equal(untyped.json().code, "SERVICE_ERR_UNSUPPORTED_MEDIA_TYPE");
  const emptyProblem = await app.inject({
    method: "POST",
    url: "/echo",
    headers: { "content-type": "application/problem+json" },
    payload: "",
  });
  assert.equal(emptyProblem.statusCode, 415);
  assert.equal(emptyProblem.json().code, "SERVICE_ERR_UNSUPPORTED_MEDIA_TYPE");
  assert.deepEqual(calls, []);
});

function specWith(requestBody: Record<string, unknown>) {
  return {
    openapi: "3.0.3",
    info: { title: "bodies", version: "1.0.0" },
    paths: {
      "/take": {
        post: {
          operationId: "take",
          requestBody,
          responses: { "204": { description: "taken" } },
        },
      },
    },
  };
}

async function appFor(t: { after(fn: () => Promise<void>): void }, requestBody: Record<string, unknown>) {
  const spec = specWith(requestBody);
  const seen: unknown[] = [];
  const app = await createApp({ name: "bodies", spec, logger: false });
  await app.register(openapiRoutes, {
    spec,
    handlers: {
      take: ({ body }: { body: unknown }) => {
        seen.push(body);
        return { status: 204 };
      },
    },
  });
  t.after(() => app.close());
  return { app, seen };
}

test("an operation that takes forms reads an absent body as the form with no fields", async (t) => {
  const schema = { type: "object", properties: { grant_type: { type: "string" } } };
  const { app, seen } = await appFor(t, { required: true, content: { [FORM_TYPE]: { schema } } });
  const none = await app.inject({ method: "POST", url: "/take" });
  const empty = await app.inject({ method: "POST", url: "/take", headers: { "content-type": FORM_TYPE }, payload: "" });
  assert.equal(none.statusCode, 204);
  assert.equal(empty.statusCode, 204);
  assert.deepEqual(seen, [{}, {}], "the handler answers in its own terms (OAuth's invalid_request)");
});

test("an optional body may be left out; the handler gets none", async (t) => {
  const schema = { type: "object", properties: { note: { type: "string" } } };
  const { app, seen } = await appFor(t, { content: { "application/json": { schema } } });
  const none = await app.inject({ method: "POST", url: "/take" });
  assert.equal(none.statusCode, 204);
  assert.deepEqual(seen, [undefined]);
});

test("a body with a lone surrogate in any string, key or value, answers 400 naming the field, before the handler", async (t) => {
  const { calls, handlers } = counted();
  const app = await build(t, { handlers });
  const cases: Array<[string, string, string]> = [
    ["a lone high surrogate", '{"status":"ok","service":"\\ud800","checks":[]}', "/body/service"],
    ["a lone low surrogate", '{"status":"\\udc00x","service":"s","checks":[]}', "/body/status"],
    ["a high surrogate at the end", '{"status":"ok","service":"s\\udbff","checks":[]}', "/body/service"],
    [
      "in an array's object",
      '{"status":"ok","service":"s","checks":[{"name":"a"},{"name":"\\ud83d"}]}',
      "/body/checks/1/name",
    ],
    ["in a key", '{"status":"ok","service":"s","checks":[],"\\ud800/k":1}', "/body/\ud800~1k"],
  ];
  for (const [name, payload, field] of cases) {
    const res = await app.inject({
      method: "POST",
      url: "/echo",
      headers: { "content-type": "application/json" },
      payload,
    });
    assert.equal(res.statusCode, 400, name);
    assert.equal(res.headers["content-type"], "application/problem+json", name);
    assert.equal(res.json().code, "SERVICE_ERR_VALIDATION", name);
    assert.deepEqual(res.json().errors, [{ field, message: "is not well-formed Unicode (a lone surrogate)" }], name);
  }
  assert.deepEqual(calls, [], "no handler ran");
  const paired = { status: "ok", service: "\ud83d\ude00 butler", checks: [] };
  const ok = await app.inject({ method: "POST", url: "/echo", payload: paired });
  assert.equal(ok.statusCode, 200, "a surrogate pair (an emoji) is well-formed");
  assert.deepEqual(ok.json(), paired);
});
