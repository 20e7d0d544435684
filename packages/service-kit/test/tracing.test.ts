import assert from "node:assert/strict";
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, test } from "node:test";
import { createTracerProvider, otlpTracesUrl, setupTracing } from "../src/tracing.ts";
import { build } from "./helper.ts";

/** A tiny OTLP/HTTP receiver: the requests it got (path and body). */
async function receiver(t: { after(fn: () => Promise<void>): void }) {
  const received: { path: string; body: string }[] = [];
  const server = createServer((request: IncomingMessage, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      received.push({ path: request.url ?? "", body: Buffer.concat(chunks).toString("utf8") });
      response.writeHead(200, { "content-type": "application/json" }).end("{}");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  t.after(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, received };
}

const TRACE_ID = "0af7651916cd43dd8448eb211c80319c";

describe("the OTLP export", () => {
  test("the traces URL comes from the standard variables, none when they are unset", () => {
    assert.equal(otlpTracesUrl({}), undefined);
    assert.equal(otlpTracesUrl({ OTEL_EXPORTER_OTLP_ENDPOINT: "http://c:4318/" }), "http://c:4318/v1/traces");
    assert.equal(
      otlpTracesUrl({ OTEL_EXPORTER_OTLP_ENDPOINT: "http://c:4318", OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: "http://t/x" }),
      "http://t/x",
    );
  });

  test("with OTEL_EXPORTER_OTLP_ENDPOINT set, a request's server span reaches the receiver", async (t) => {
    const otlp = await receiver(t);
    // The first setup of this process (each test file runs in a process of its own).
    setupTracing("echo", { OTEL_EXPORTER_OTLP_ENDPOINT: otlp.url });
    const app = await build(t);
    const answer = await app.inject({
      method: "GET",
      url: "/ok",
      headers: { traceparent: `00-${TRACE_ID}-b7ad6b7169203331-01` },
    });
    assert.equal(answer.statusCode, 200);
    await app.close(); // flushes the batch
    assert.ok(otlp.received.length >= 1, "the receiver got the spans");
    assert.equal(otlp.received[0].path, "/v1/traces");
    const body = otlp.received.map((r) => r.body).join("\n");
    assert.ok(body.includes("echo"), "service.name is the service's");
    assert.ok(body.includes("GET /ok"), "the server span is named by its route");
  });

  test("without it, spans still have ids but nothing is sent", async (t) => {
    const otlp = await receiver(t);
    const provider = createTracerProvider("quiet", {});
    const span = provider.getTracer("test").startSpan("work");
    assert.match(span.spanContext().traceId, /^[0-9a-f]{32}$/);
    span.end();
    await provider.forceFlush();
    await provider.shutdown();
    assert.equal(otlp.received.length, 0);
  });

  test("OTEL_SDK_DISABLED=true exports nothing even with an endpoint", async (t) => {
    const otlp = await receiver(t);
    const provider = createTracerProvider("off", { OTEL_EXPORTER_OTLP_ENDPOINT: otlp.url, OTEL_SDK_DISABLED: "true" });
    provider.getTracer("test").startSpan("work").end();
    await provider.forceFlush();
    await provider.shutdown();
    assert.equal(otlp.received.length, 0);
  });
});
