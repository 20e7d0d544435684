import assert from "node:assert/strict";
import { once } from "node:events";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { type TestContext, test } from "node:test";
import { gzipSync } from "node:zlib";
import { closePooledConnections, pooledFetch, pooledRequest } from "../src/pooled-fetch.ts";

async function serve(
  t: TestContext,
  handle: (request: IncomingMessage, response: ServerResponse, body: Buffer) => void,
) {
  const server = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    handle(request, response, Buffer.concat(chunks));
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  t.after(() => {
    server.closeAllConnections();
    server.close();
  });
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

test("sends the method, headers and body, and answers status, headers, body and URL", async (t) => {
  const url = await serve(t, (request, response, body) => {
    response.writeHead(201, { "content-type": "application/json", "set-cookie": ["a=1", "b=2"] });
    response.end(
      JSON.stringify({ method: request.method, type: request.headers["content-type"], body: body.toString() }),
    );
  });
  const response = await pooledFetch(
    new Request(`${url}/users?x=1`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" }),
  );
  assert.equal(response.status, 201);
  assert.equal(response.url, `${url}/users?x=1`);
  assert.equal(response.headers.get("content-type"), "application/json");
  assert.deepEqual(response.headers.getSetCookie(), ["a=1", "b=2"]);
  assert.deepEqual(await response.json(), { method: "POST", type: "application/json", body: "{}" });
});

test("a 204 or 304 has no body; a gzip body stays compressed for the codec middleware", async (t) => {
  const url = await serve(t, (request, response) => {
    if (request.url === "/gone") {
      response.writeHead(204);
      response.end();
      return;
    }
    response.writeHead(200, { "content-encoding": "gzip", "content-type": "application/json" });
    response.end(gzipSync('{"ok":true}'));
  });
  const empty = await pooledFetch(new Request(`${url}/gone`, { method: "DELETE" }));
  assert.equal(empty.status, 204);
  assert.equal(empty.body, null);
  const zipped = await pooledFetch(new Request(`${url}/zipped`));
  assert.equal(zipped.headers.get("content-encoding"), "gzip");
  assert.deepEqual(Buffer.from(await zipped.arrayBuffer()), gzipSync('{"ok":true}'));
});

test("a refused connection rejects like fetch (TypeError with the cause); an abort with the signal's reason", async (t) => {
  const url = await serve(t, () => {
    // Never answers: only the abort ends the request.
  });
  const closed = createServer();
  closed.listen(0, "127.0.0.1");
  await once(closed, "listening");
  const port = (closed.address() as AddressInfo).port;
  closed.close();
  await once(closed, "close");
  await assert.rejects(pooledFetch(new Request(`http://127.0.0.1:${port}/`)), (error: Error) => {
    assert.ok(error instanceof TypeError);
    assert.equal(error.message, "fetch failed");
    assert.equal((error.cause as { code?: string }).code, "ECONNREFUSED");
    return true;
  });
  const controller = new AbortController();
  const pending = pooledFetch(new Request(`${url}/slow`, { signal: controller.signal }));
  controller.abort(new Error("gave up"));
  await assert.rejects(pending, /gave up/);
});

test("pooledRequest keeps its connection open (keep-alive) until closePooledConnections closes it", {
  timeout: 10_000,
}, async (t) => {
  const sockets: Socket[] = [];
  const url = await serve(t, (request, response, body) => {
    sockets.push(request.socket);
    response.writeHead(200, { "content-type": "text/plain" });
    response.end(`${request.method} ${body.toString()}`);
  });
  const answer = await pooledRequest(`${url}/b`, { method: "POST", body: "hi" });
  assert.equal(answer.statusCode, 200);
  assert.equal(await answer.body.text(), "POST hi");
  const [socket] = sockets;
  assert.equal(socket.destroyed, false, "kept alive after the answer");
  const closed = once(socket, "close");
  await closePooledConnections();
  await closed;
});
