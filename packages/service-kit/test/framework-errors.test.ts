import assert from "node:assert/strict";
import { connect } from "node:net";
import { test } from "node:test";
import type { FastifyInstance } from "fastify";
import { createApp, openapiRoutes } from "../src/index.ts";

const spec = {
  openapi: "3.0.3",
  info: { title: "items", version: "1.0.0" },
  paths: {
    "/items/{itemId}": {
      get: {
        operationId: "getItem",
        parameters: [{ name: "itemId", in: "path", required: true, schema: { type: "string", maxLength: 64 } }],
        responses: { "204": { description: "found" } },
      },
    },
  },
};

async function items(t: { after(fn: () => Promise<void>): void }): Promise<FastifyInstance> {
  const app = await createApp({ name: "items", spec, logger: false });
  await app.register(openapiRoutes, { spec, handlers: { getItem: () => ({ status: 204 }) } });
  t.after(() => app.close());
  return app;
}

test("a path that is not valid percent-encoding answers 400 problem+json without the URL", async (t) => {
  const app = await items(t);
  const res = await app.inject({ method: "GET", url: "/items/%ZZsecret-looking", headers: { "x-request-id": "r-1" } });
  assert.equal(res.statusCode, 400);
  assert.equal(res.headers["content-type"], "application/problem+json");
  assert.equal(res.headers["x-request-id"], "r-1");
  assert.equal(res.json().code, "SERVICE_ERR_BAD_URL");
  assert.ok(!res.body.includes("secret-looking"), res.body);
});

test("a path parameter over fastify's maxParamLength answers 414 problem+json without the URL", async (t) => {
  const app = await items(t);
  const long = "q".repeat(5000);
  const res = await app.inject({ method: "GET", url: `/items/${long}` });
  assert.equal(res.statusCode, 414);
  assert.equal(res.headers["content-type"], "application/problem+json");
  assert.deepEqual(res.json(), {
    type: "urn:jeeves:problem:uri-too-long",
    title: "URI Too Long",
    status: 414,
    detail: "a path parameter is longer than the service takes",
    code: "SERVICE_ERR_URI_TOO_LONG",
  });
});

/** Sends raw bytes to the app and reads the answer until the server closes the connection (bounded). */
async function rawExchange(app: FastifyInstance, request: string): Promise<string> {
  const address = app.server.address();
  if (!address || typeof address === "string") throw new Error("not listening");
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const socket = connect(address.port, "127.0.0.1");
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error("no answer within 5 s"));
    }, 5000);
    socket.on("data", (chunk) => chunks.push(chunk));
    // The server closes after answering; a reset after the answer (unread request bytes) is still an answer.
    const done = () => {
      clearTimeout(timer);
      resolve(Buffer.concat(chunks).toString());
    };
    socket.on("close", done);
    socket.on("error", () => {});
    socket.write(request);
  });
}

function parse(raw: string) {
  const [head, body] = raw.split("\r\n\r\n");
  const [status, ...lines] = head.split("\r\n");
  const headers = Object.fromEntries(
    lines.map((l) => [l.split(":")[0].toLowerCase(), l.slice(l.indexOf(":") + 1).trim()]),
  );
  return { status, headers, body: JSON.parse(body) };
}

test("headers over node's size limit answer 431 problem+json; a request that is not HTTP answers 400 problem+json", async (t) => {
  const app = await items(t);
  await app.listen({ port: 0, host: "127.0.0.1" });
  const big = await rawExchange(app, `GET /items/a HTTP/1.1\r\nHost: x\r\nX-Big: ${"b".repeat(100 * 1024)}\r\n\r\n`);
  const answer = parse(big);
  assert.equal(answer.status, "HTTP/1.1 431 Request Header Fields Too Large");
  assert.equal(answer.headers["content-type"], "application/problem+json");
  assert.equal(Number(answer.headers["content-length"]), Buffer.byteLength(JSON.stringify(answer.body)));
  assert.equal(answer.body.status, 431);
  assert.equal(answer.body.code, "SERVICE_ERR_HEADERS_TOO_LARGE");
  assert.ok(!big.includes("bbbb"), "the header is not echoed");

  const garbage = parse(await rawExchange(app, "NOT HTTP AT ALL\r\n\r\n"));
  assert.equal(garbage.status, "HTTP/1.1 400 Bad Request");
  assert.equal(garbage.headers["content-type"], "application/problem+json");
  assert.equal(garbage.body.code, "SERVICE_ERR_BAD_REQUEST");
});

test("an HTTP/1.1 request without a Host header answers 400 problem+json, not node's bare 400", async (t) => {
  const app = await items(t);
  await app.listen({ port: 0, host: "127.0.0.1" });
  for (const path of ["/items/a", "/nowhere"]) {
    const raw = await rawExchange(app, `GET ${path} HTTP/1.1\r\nX-Request-Id: r-2\r\nConnection: close\r\n\r\n`);
    const answer = parse(raw);
    assert.equal(answer.status, "HTTP/1.1 400 Bad Request", path);
    assert.equal(answer.headers["content-type"], "application/problem+json", path);
    assert.equal(answer.headers["x-request-id"], "r-2", path);
    assert.deepEqual(
      answer.body,
      {
        type: "urn:jeeves:problem:bad-request",
        title: "Bad Request",
        status: 400,
        detail: "HTTP/1.1 requests need a Host header",
        code: "SERVICE_ERR_BAD_REQUEST",
        instance: path,
      },
      path,
    );
  }
  const withHost = await rawExchange(app, "GET /items/a HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  assert.match(withHost, /^HTTP\/1\.1 204 /, "a request with Host is served");
  const http10 = await rawExchange(app, "GET /items/a HTTP/1.0\r\n\r\n");
  assert.match(http10, /^HTTP\/1\.1 204 /, "HTTP/1.0 has no Host header to require");
});
