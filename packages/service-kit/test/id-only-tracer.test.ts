import assert from "node:assert/strict";
import { test } from "node:test";
import { context, propagation, TraceFlags, trace } from "@opentelemetry/api";
import { IdOnlyTracerProvider } from "../src/id-only-tracer.ts";
import { setupTracing } from "../src/tracing.ts";

const TRACE_ID = "0af7651916cd43dd8448eb211c80319c";
const PARENT = "b7ad6b7169203331";

// The first setup of this process (each test file runs in a process of its own): no OTLP endpoint.
const provider = setupTracing("ids", {});
const tracer = trace.getTracer("test");

test("without an OTLP endpoint the process gets the ids-only tracer", () => {
  assert.ok(provider instanceof IdOnlyTracerProvider);
});

test("a span continues its parent's trace: same trace id and flags, a new span id", () => {
  for (const traceFlags of [TraceFlags.SAMPLED, TraceFlags.NONE]) {
    const parent = trace.setSpanContext(context.active(), { traceId: TRACE_ID, spanId: PARENT, traceFlags });
    const span = tracer.startSpan("child", {}, parent).spanContext();
    assert.equal(span.traceId, TRACE_ID);
    assert.equal(span.traceFlags, traceFlags);
    assert.match(span.spanId, /^[0-9a-f]{16}$/);
    assert.notEqual(span.spanId, PARENT);
  }
});

test("a span with no parent (or asked to be a root) starts a new sampled trace", () => {
  const a = tracer.startSpan("a").spanContext();
  const b = tracer.startSpan("b").spanContext();
  assert.match(a.traceId, /^[0-9a-f]{32}$/);
  assert.notEqual(a.traceId, b.traceId);
  assert.equal(a.traceFlags, TraceFlags.SAMPLED);
  const parent = trace.setSpanContext(context.active(), { traceId: TRACE_ID, spanId: PARENT, traceFlags: 1 });
  assert.notEqual(tracer.startSpan("root", { root: true }, parent).spanContext().traceId, TRACE_ID);
});

test("traceparent in, traceparent out: the W3C propagator is registered, and the active span is the one started", async () => {
  const carrier: Record<string, string> = {};
  const incoming = propagation.extract(context.active(), { traceparent: `00-${TRACE_ID}-${PARENT}-01` });
  await tracer.startActiveSpan("work", {}, incoming, async (span) => {
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(trace.getActiveSpan()?.spanContext().spanId, span.spanContext().spanId);
    propagation.inject(context.active(), carrier);
    span.end();
  });
  assert.match(carrier.traceparent ?? "", new RegExp(`^00-${TRACE_ID}-[0-9a-f]{16}-01$`));
  assert.ok(!carrier.traceparent.includes(PARENT));
});
