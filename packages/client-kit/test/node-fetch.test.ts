import assert from "node:assert/strict";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, it } from "node:test";
import { gunzipSync, gzipSync } from "node:zlib";
import { decodeBody, encodeBody, PROTOBUF_TYPE } from "@jeeves/codecs";
import type { paths } from "@jeeves/generated/openapi/dataservice";
import { spec } from "@jeeves/generated/specs/dataservice";
import { createClient } from "../src/index.ts";
import { index } from "./fake-server.ts";

const SETTING = { key: "units", value: "metric", updated_at: "2026-11-28T08:00:00.000Z" };

async function readAll(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

describe("createClient over real HTTP with Node's fetch", () => {
  const seen: Array<{ headers: IncomingMessage["headers"]; body: unknown }> = [];
  let server: Server;
  let baseUrl = "";

  before(async () => {
    server = createServer(async (request, response) => {
      const raw = await readAll(request);
      const op = index.operation("setSetting");
      const bytes = request.headers["content-encoding"] === "gzip" ? gunzipSync(raw) : raw;
      const body = decodeBody(String(request.headers["content-type"]), bytes, op.requestBody?.schema);
      seen.push({ headers: request.headers, body });
      const payload = encodeBody(PROTOBUF_TYPE, { ...SETTING, ...(body as object) }, index.response(op, 200)?.schema);
      response.writeHead(200, { "content-type": PROTOBUF_TYPE, "content-encoding": "gzip" });
      response.end(gzipSync(payload));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("sends protobuf + gzip and reads the response Node's fetch already gunzipped", async () => {
    const client = createClient<paths>({ spec, baseUrl, encoding: "protobuf", gzip: true });
    const { data, error } = await client.PUT("/users/{userId}/settings/{key}", {
      params: { path: { userId: "0190b8a2-7c1e-7d4a-9f3e-5b2a1c0d9e8f", key: "units" } },
      body: { value: "imperial" },
    });
    assert.equal(error, undefined);
    assert.deepEqual(data, { ...SETTING, value: "imperial" });
    assert.equal(seen[0].headers["content-type"], PROTOBUF_TYPE);
    assert.equal(seen[0].headers["content-encoding"], "gzip");
    assert.match(String(seen[0].headers["accept-encoding"]), /gzip/);
    assert.equal(seen[0].headers.accept, `${PROTOBUF_TYPE}, application/problem+json;q=0.9`);
    assert.deepEqual(seen[0].body, { value: "imperial" });
  });
});
