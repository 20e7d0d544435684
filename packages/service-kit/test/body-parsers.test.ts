import assert from "node:assert/strict";
import { test } from "node:test";
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

test("a required body that is absent or empty answers 400 problem+json on /body in every encoding, before the handler", async (t) => {
  const { calls, handlers } = counted();
  const app = await build(t, { handlers });
  const cases: Array<[string, Record<string, string>, Buffer | undefined]> = [
    ["no body, no Content-Type", {}, undefined],
    ["no bytes, Content-Length 0", { "content-length": "0" }, Buffer.alloc(0)],
    ["empty JSON", { "content-type": "application/json" }, Buffer.alloc(0)],
    ["empty JSON with a charset", { "content-type": "application/json; charset=utf-8" }, Buffer.alloc(0)],
    ["empty MessagePack", { "content-type": "application/msgpack" }, Buffer.alloc(0)],
    ["empty protobuf (not a message of defaults)", { "content-type": "application/x-protobuf" }, Buffer.alloc(0)],
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
