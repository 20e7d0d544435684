import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { gunzipSync, gzipSync } from "node:zlib";
import { decodeBody, type Encoding, MEDIA_TYPE_OF } from "@jeeves/codecs";
import type { components, paths } from "@jeeves/generated/openapi/dataservice";
import { spec } from "@jeeves/generated/specs/dataservice";
import { createClient, type JeevesClient, UndeclaredPropertyError } from "../src/index.ts";
import { type FakeServerOptions, fakeServer, type WireCall } from "./fake-server.ts";

type User = components["schemas"]["User"];
type UserCreate = components["schemas"]["UserCreate"];
type Problem = components["schemas"]["Problem"];

const BASE_URL = "http://dataservice.test";
const USER_ID = "0190b8a2-7c1e-7d4a-9f3e-5b2a1c0d9e8f";
const NEW_USER: UserCreate = {
  email: "bertie@example.com",
  display_name: "Bertie Wooster",
  password: "what-ho-jeeves",
};
const USER: User = {
  id: USER_ID,
  email: "bertie@example.com",
  display_name: "Bertie Wooster",
  is_admin: false,
  created_at: "2026-11-28T08:00:00.000Z",
  updated_at: "2026-11-28T08:00:00.000Z",
};
const NOT_FOUND: Problem = {
  type: "urn:jeeves:problem:not-found",
  title: "Not Found",
  status: 404,
  code: "DATASERVICE_ERR_USER_NOT_FOUND",
};
const ENCODINGS: Encoding[] = ["json", "msgpack", "protobuf"];

function clientFor(
  handle: (call: WireCall) => { status: number; body?: unknown; headers?: Record<string, string> },
  options: { encoding?: Encoding; gzip?: boolean; headers?: Record<string, string> } & FakeServerOptions = {},
) {
  const server = fakeServer(handle, { compress: options.compress });
  const client: JeevesClient<paths> = createClient<paths>({
    spec,
    baseUrl: BASE_URL,
    fetch: server.fetch,
    encoding: options.encoding,
    gzip: options.gzip,
    headers: options.headers,
  });
  return { client, ...server };
}

describe("createClient on the wire", () => {
  for (const encoding of ENCODINGS) {
    for (const gzip of [false, true]) {
      it(`POST /users in ${encoding}${gzip ? " with gzip" : ""}`, async () => {
        const mediaType = MEDIA_TYPE_OF[encoding];
        const { client, calls, replies } = clientFor(
          () => ({ status: 201, body: USER, headers: { etag: '"1-abc"', location: `/users/${USER_ID}` } }),
          { encoding, gzip },
        );

        const { data, error, response } = await client.POST("/users", { body: NEW_USER });

        const [call] = calls;
        assert.equal(call.method, "POST");
        assert.equal(call.url.href, `${BASE_URL}/users`);
        assert.equal(call.headers["content-type"], mediaType);
        assert.equal(call.headers.accept, `${mediaType}, application/problem+json;q=0.9`);
        assert.equal(call.headers["content-encoding"], gzip ? "gzip" : undefined);
        assert.equal(call.headers["accept-encoding"], gzip ? "gzip" : undefined);
        const plain = gzip ? gunzipSync(call.raw) : Buffer.from(call.raw);
        assert.equal(call.raw[0] === 0x1f && call.raw[1] === 0x8b, gzip, "gzip magic bytes");
        assert.deepEqual(decodeBody(mediaType, plain, call.operation?.requestBody?.schema), NEW_USER);
        assert.deepEqual(call.body, NEW_USER, "the writeOnly password travels");
        if (encoding !== "json") assert.throws(() => JSON.parse(plain.toString("utf8")));

        assert.equal(replies[0].headers["content-type"], mediaType);
        assert.equal(replies[0].headers["content-encoding"], gzip ? "gzip" : undefined);
        assert.equal(error, undefined);
        assert.deepEqual(data, USER);
        const name: string | undefined = data?.display_name;
        assert.equal(name, "Bertie Wooster");
        assert.equal(response.status, 201);
        assert.equal(response.headers.get("content-type"), "application/json");
        assert.equal(response.headers.get("content-encoding"), null);
        assert.equal(response.headers.get("etag"), '"1-abc"');
        assert.equal(response.headers.get("location"), `/users/${USER_ID}`);
      });
    }
  }

  it("uses JSON without gzip by default", async () => {
    const { client, calls } = clientFor(() => ({ status: 201, body: USER }));
    const { data } = await client.POST("/users", { body: NEW_USER });
    assert.deepEqual(data, USER);
    assert.equal(calls[0].headers["content-type"], "application/json");
    assert.equal(calls[0].headers.accept, "application/json, application/problem+json;q=0.9");
    assert.equal(calls[0].headers["accept-encoding"], undefined);
    assert.deepEqual(JSON.parse(Buffer.from(calls[0].raw).toString("utf8")), NEW_USER);
  });

  for (const encoding of ENCODINGS) {
    it(`refuses a body with a property the request schema does not declare, sending nothing (${encoding})`, async () => {
      const { client, calls } = clientFor(() => ({ status: 201, body: USER }), { encoding, gzip: true });
      // Built in a variable, a misspelled property passes the type check: only the client can catch it.
      const body = { ...NEW_USER, dispaly_name: "Bertie" };
      await assert.rejects(client.POST("/users", { body }), (error: unknown) => {
        assert.ok(error instanceof UndeclaredPropertyError);
        assert.equal(error.code, "CLIENT_ERR_UNDECLARED_PROPERTY");
        assert.equal(error.pointer, "/dispaly_name");
        assert.equal(error.message, "dispaly_name is not a property of the request body of createUser");
        return true;
      });
      assert.equal(calls.length, 0, "nothing reached the server");
    });
  }

  it("sends the body as the consumer wrote it, writeOnly password included", async () => {
    const { client, calls } = clientFor(() => ({ status: 201, body: USER }), { encoding: "msgpack" });
    const body: UserCreate = { ...NEW_USER, password: "correct horse battery" };
    await client.POST("/users", { body });
    assert.deepEqual(calls[0].body, body);
  });

  for (const encoding of ENCODINGS) {
    it(`GET /users/{userId} with path and query in ${encoding}: no body, no Content-Type`, async () => {
      const { client, calls } = clientFor(() => ({ status: 200, body: USER }), {
        encoding,
        headers: { Authorization: "Bearer t0k3n" },
      });
      const { data } = await client.GET("/users/{userId}", {
        params: { path: { userId: USER_ID }, header: { "If-None-Match": '"0-old"' } },
      });
      assert.deepEqual(data, USER);
      assert.equal(calls[0].url.pathname, `/users/${USER_ID}`);
      assert.equal(calls[0].raw.length, 0);
      assert.equal(calls[0].headers["content-type"], undefined);
      assert.equal(calls[0].headers.authorization, "Bearer t0k3n");
      assert.equal(calls[0].headers["if-none-match"], '"0-old"');
    });

    it(`GET /users with a query answers a page in ${encoding}`, async () => {
      const other = { ...USER, id: "0190b8a2-0000-7000-8000-000000000000", email: undefined };
      const page = { items: [USER, other], next_cursor: "abc" };
      const { client, calls } = clientFor(() => ({ status: 200, body: page }), { encoding, gzip: true });
      const { data } = await client.GET("/users", { params: { query: { limit: 2, email: "a+b@example.com" } } });
      assert.equal(calls[0].url.searchParams.get("limit"), "2");
      assert.equal(calls[0].url.searchParams.get("email"), "a+b@example.com");
      const { email, ...withoutEmail } = other;
      assert.equal(email, undefined);
      assert.deepEqual(data, { items: [USER, withoutEmail], next_cursor: "abc" }, "undefined fields are left out");
    });

    it(`a 404 comes back as error in ${encoding}`, async () => {
      const { client, replies } = clientFor(() => ({ status: 404, body: NOT_FOUND }), { encoding, gzip: true });
      const { data, error, response } = await client.GET("/users/{userId}", { params: { path: { userId: USER_ID } } });
      assert.equal(replies[0].headers["content-type"], "application/problem+json");
      assert.equal(replies[0].headers["content-encoding"], "gzip");
      assert.equal(data, undefined);
      assert.deepEqual(error, NOT_FOUND);
      const code: string | undefined = error?.code;
      assert.equal(code, "DATASERVICE_ERR_USER_NOT_FOUND");
      assert.equal(response.status, 404);
      assert.equal(response.headers.get("content-type"), "application/problem+json");
    });

    it(`a 204 gives no data in ${encoding}`, async () => {
      const { client, calls } = clientFor(() => ({ status: 204 }), { encoding, gzip: true });
      const { data, error, response } = await client.DELETE("/users/{userId}", {
        params: { path: { userId: USER_ID }, header: { "If-Match": '"1-abc"' } },
      });
      assert.equal(data, undefined);
      assert.equal(error, undefined);
      assert.equal(response.status, 204);
      assert.equal(calls[0].method, "DELETE");
      assert.equal(calls[0].headers["if-match"], '"1-abc"');
    });

    it(`a 304 gives neither data nor error in ${encoding}`, async () => {
      const { client } = clientFor(() => ({ status: 304, headers: { etag: '"1-abc"' } }), { encoding });
      const { data, error, response } = await client.GET("/users/{userId}", {
        params: { path: { userId: USER_ID }, header: { "If-None-Match": '"1-abc"' } },
      });
      assert.equal(response.status, 304);
      assert.equal(response.headers.get("etag"), '"1-abc"');
      assert.equal(data, undefined);
      assert.equal(error, undefined);
    });

    it(`PUT with a body answers the setting in ${encoding}`, async () => {
      const setting = { key: "units", value: "metric", updated_at: "2026-11-28T08:00:00.000Z" };
      const { client, calls } = clientFor((call) => ({ status: 200, body: { ...setting, ...(call.body as object) } }), {
        encoding,
      });
      const { data } = await client.PUT("/users/{userId}/settings/{key}", {
        params: { path: { userId: USER_ID, key: "units" } },
        body: { value: "imperial" },
      });
      assert.equal(calls[0].method, "PUT");
      assert.equal(calls[0].url.pathname, `/users/${USER_ID}/settings/units`);
      assert.deepEqual(data, { ...setting, value: "imperial" });
    });
  }

  it("protobuf: proto3 defaults come back for required fields left off the wire", async () => {
    const { client, replies } = clientFor(() => ({ status: 200, body: { key: "", value: "", updated_at: "" } }), {
      encoding: "protobuf",
    });
    const { data } = await client.GET("/users/{userId}/settings/{key}", {
      params: { path: { userId: USER_ID, key: "units" } },
    });
    assert.equal(replies[0].raw.length, 0, "an all-defaults message is zero bytes");
    assert.deepEqual(data, { key: "", value: "", updated_at: "" });
  });

  it("gunzips a compressed body from a fetch that does not decompress", async () => {
    const raw = gzipSync(JSON.stringify(USER));
    const client = createClient<paths>({
      spec,
      baseUrl: BASE_URL,
      fetch: async () =>
        new Response(raw, { status: 200, headers: { "content-type": "application/json", "content-encoding": "gzip" } }),
    });
    const { data, response } = await client.GET("/users/{userId}", { params: { path: { userId: USER_ID } } });
    assert.deepEqual(data, USER);
    assert.equal(response.headers.get("content-encoding"), null);
    assert.equal(response.headers.get("content-length"), String(JSON.stringify(USER).length));
  });

  it("does not gunzip twice a body a fetch already decompressed", async () => {
    const client = createClient<paths>({
      spec,
      baseUrl: BASE_URL,
      encoding: "msgpack",
      gzip: true,
      fetch: async () => {
        const { encodeMsgpack } = await import("@jeeves/codecs");
        return new Response(encodeMsgpack(USER), {
          status: 200,
          headers: { "content-type": "application/msgpack", "content-encoding": "gzip" },
        });
      },
    });
    const { data } = await client.GET("/users/{userId}", { params: { path: { userId: USER_ID } } });
    assert.deepEqual(data, USER);
  });

  it("lets a malformed body reject the call", async () => {
    const client = createClient<paths>({
      spec,
      baseUrl: BASE_URL,
      encoding: "msgpack",
      fetch: async () =>
        new Response(Uint8Array.from([0x92, 0x01]), { headers: { "content-type": "application/msgpack" } }),
    });
    await assert.rejects(
      client.GET("/users/{userId}", { params: { path: { userId: USER_ID } } }),
      (error: unknown) => error instanceof Error && error.name === "MalformedBodyError",
    );
  });

  it("sends a body that is not JSON (custom bodySerializer) as it is", async () => {
    const { client, calls } = clientFor(() => ({ status: 201, body: USER }), { encoding: "protobuf", gzip: true });
    const { data } = await client.POST("/users", {
      body: NEW_USER,
      bodySerializer: (body) => `display_name=${body.display_name}`,
      headers: { "Content-Type": "text/plain" },
    });
    assert.equal(calls[0].headers["content-type"], "text/plain");
    assert.equal(calls[0].headers["content-encoding"], undefined);
    assert.equal(calls[0].body, "display_name=Bertie Wooster");
    assert.deepEqual(data, USER);
  });

  it("decodes msgpack for a route the spec does not know", async () => {
    type Extra = {
      "/extra": {
        get: {
          parameters: { query?: never };
          responses: { 200: { content: { "application/json": { ok: boolean } } } };
        };
      };
    };
    const seen: Request[] = [];
    const client = createClient<Extra>({
      spec,
      baseUrl: BASE_URL,
      encoding: "msgpack",
      fetch: async (request) => {
        seen.push(request);
        const { encodeMsgpack } = await import("@jeeves/codecs");
        return new Response(encodeMsgpack({ ok: true, extra: 1 }), {
          headers: { "content-type": "application/msgpack" },
        });
      },
    });
    const { data } = await client.GET("/extra");
    assert.deepEqual(data, { ok: true, extra: 1 });
    assert.equal(seen[0].headers.get("accept"), "application/msgpack, application/problem+json;q=0.9");
  });

  it("refuses an unknown encoding", () => {
    assert.throws(
      () => createClient<paths>({ spec, baseUrl: BASE_URL, encoding: "xml" as Encoding }),
      /unknown encoding xml/,
    );
  });
});
