import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { paths } from "@jeeves/generated/openapi/dashboard";
import createClient from "openapi-fetch";
import { CSRF_HEADER, createCsrfStore, csrfMiddleware, needsCsrfToken } from "../../web/src/api/csrf.ts";

/** A client of the dashboard API whose requests are kept instead of sent. */
function recordingClient(token: string | undefined) {
  const sent: Request[] = [];
  const store = createCsrfStore();
  store.set(token);
  const client = createClient<paths>({
    baseUrl: "http://dashboard.test",
    fetch: async (request: Request) => {
      sent.push(request);
      return new Response(request.method === "DELETE" ? null : "{}", {
        status: request.method === "DELETE" ? 204 : 200,
        headers: { "content-type": "application/json" },
      });
    },
  });
  client.use(csrfMiddleware(store));
  return { client, sent, store };
}

describe("the CSRF middleware", () => {
  test("sends the token on every state-changing request", async () => {
    const { client, sent } = recordingClient("csrf-token-1");
    await client.POST("/api/users", { body: { email: "a@example.com", display_name: "A", password: "12345678" } });
    await client.PATCH("/api/users/{userId}", { params: { path: { userId: "u1" } }, body: { display_name: "B" } });
    await client.PUT("/api/me/location", { body: { place: "Paris" } });
    await client.PUT("/api/me/settings/{key}", { params: { path: { key: "units" } }, body: { value: "metric" } });
    await client.DELETE("/api/me/location");
    await client.DELETE("/api/session");
    await client.POST("/api/chat", { body: { text: "weather in Paris" } });
    assert.deepEqual(
      sent.map((request) => [request.method, request.headers.get(CSRF_HEADER)]),
      [
        ["POST", "csrf-token-1"],
        ["PATCH", "csrf-token-1"],
        ["PUT", "csrf-token-1"],
        ["PUT", "csrf-token-1"],
        ["DELETE", "csrf-token-1"],
        ["DELETE", "csrf-token-1"],
        ["POST", "csrf-token-1"],
      ],
    );
  });

  test("sends no token on reads", async () => {
    const { client, sent } = recordingClient("csrf-token-1");
    await client.GET("/api/session");
    await client.GET("/api/users", { params: { query: { q: "wooster" } } });
    await client.GET("/api/me");
    assert.equal(sent.length, 3);
    for (const request of sent) assert.equal(request.headers.get(CSRF_HEADER), null, request.url);
  });

  test("sends the token the store has now, and none once it is cleared", async () => {
    const { client, sent, store } = recordingClient(undefined);
    await client.POST("/api/session", { body: { email: "admin@jeeves.local", password: "pw" } });
    store.set("after-login");
    await client.DELETE("/api/session");
    store.set(undefined);
    await client.POST("/api/chat", { body: { text: "help" } });
    assert.deepEqual(
      sent.map((request) => request.headers.get(CSRF_HEADER)),
      [null, "after-login", null],
    );
  });
});

describe("needsCsrfToken", () => {
  test("every method but the safe ones, in any case", () => {
    for (const method of ["POST", "PUT", "PATCH", "DELETE", "post", "delete"])
      assert.equal(needsCsrfToken(method), true);
    for (const method of ["GET", "HEAD", "OPTIONS", "TRACE", "get"]) assert.equal(needsCsrfToken(method), false);
  });
});

describe("createCsrfStore", () => {
  test("keeps one token; an empty one is none", () => {
    const store = createCsrfStore();
    assert.equal(store.get(), undefined);
    store.set("t");
    assert.equal(store.get(), "t");
    store.set("");
    assert.equal(store.get(), undefined);
  });
});
