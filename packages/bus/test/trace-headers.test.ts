import assert from "node:assert/strict";
import { describe, type TestContext, test } from "node:test";
import { context, propagation, trace } from "@opentelemetry/api";
import { NodeTracerProvider } from "@opentelemetry/sdk-trace-node";
import type { BusMessage } from "../src/index.ts";
import {
  bytes,
  type Harness,
  memoryHarness,
  RABBIT_SKIP,
  rabbitHarness,
  rabbitReachable,
  sleep,
  waitFor,
} from "./helpers.ts";

// What service-kit's setupTracing does in a service: spans with ids, W3C propagation, async contexts.
new NodeTracerProvider().register();

const TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
const tracer = trace.getTracer("test");

/** Runs `body` with the harness of `kind`; RabbitMQ without a broker: fails under CI=true, else skips. */
async function withBus(t: TestContext, kind: "memory" | "rabbitmq", body: (h: Harness) => Promise<void>) {
  if (kind === "rabbitmq" && !(await rabbitReachable())) {
    if (process.env.CI === "true") assert.fail("RabbitMQ not reachable at 127.0.0.1:5672 (CI=true)");
    t.skip(RABBIT_SKIP);
    return;
  }
  const h = kind === "memory" ? await memoryHarness() : await rabbitHarness();
  t.after(() => h.cleanup());
  await body(h);
}

/** The context of a caller whose trace is TRACE_ID (as a request continuing a traceparent would be). */
function callerContext() {
  return trace.setSpanContext(context.active(), { traceId: TRACE_ID, spanId: "00f067aa0ba902b7", traceFlags: 1 });
}

for (const kind of ["memory", "rabbitmq"] as const) {
  describe(`trace context over the bus (${kind === "memory" ? "in-process" : "RabbitMQ"})`, () => {
    test("a message carries the publisher's traceparent; the handler and what it publishes continue the trace", async (t) =>
      withBus(t, kind, async (h) => {
        const bus = await h.bus();
        const seen: { headers: BusMessage["headers"]; traceId?: string; spanId?: string }[] = [];
        const replies: BusMessage[] = [];
        await bus.subscribe("work.*", h.group("worker"), async (message) => {
          const span = trace.getActiveSpan()?.spanContext();
          seen.push({ headers: message.headers, traceId: span?.traceId, spanId: span?.spanId });
          await bus.publish("reply.done", bytes("done"));
        });
        await bus.subscribe("reply.*", h.group("replies"), async (message) => {
          replies.push(message);
        });
        await context.with(callerContext(), () =>
          bus.publish("work.item", bytes("x"), { headers: { "x-custom": "kept", other: "kept" } }),
        );
        await waitFor("the reply", () => replies.length === 1);
        assert.equal(seen.length, 1);
        const traceparent = String(seen[0].headers.traceparent);
        assert.match(traceparent, new RegExp(`^00-${TRACE_ID}-[0-9a-f]{16}-01$`));
        assert.equal(seen[0].headers.other, "kept", "the caller's headers stay");
        assert.equal(seen[0].traceId, TRACE_ID, "the handler runs in the trace");
        assert.notEqual(seen[0].spanId, traceparent.split("-")[2], "in a consumer span of its own");
        assert.match(String(replies[0].headers.traceparent), new RegExp(`^00-${TRACE_ID}-`), "the reply too");
      }));

    test("a message published outside any trace starts one for its handler", async (t) =>
      withBus(t, kind, async (h) => {
        const bus = await h.bus();
        const ids: (string | undefined)[] = [];
        await bus.subscribe("work.*", h.group("worker"), async () => {
          ids.push(trace.getActiveSpan()?.spanContext().traceId);
        });
        await bus.publish("work.one", bytes("1"));
        await bus.publish("work.two", bytes("2"));
        await waitFor("both handled", () => ids.length === 2);
        for (const id of ids) assert.match(String(id), /^[0-9a-f]{32}$/);
        assert.notEqual(ids[0], ids[1]);
      }));

    test("a retried message keeps its trace", async (t) =>
      withBus(t, kind, async (h) => {
        const bus = await h.bus();
        const ids: (string | undefined)[] = [];
        await bus.subscribe(
          "work.*",
          h.group("worker"),
          async () => {
            ids.push(trace.getActiveSpan()?.spanContext().traceId);
            if (ids.length === 1) throw new Error("first attempt fails");
          },
          { retryDelayMs: 20, maxAttempts: 3 },
        );
        await context.with(callerContext(), () => bus.publish("work.item", bytes("x")));
        await waitFor("the retry", () => ids.length === 2);
        await sleep(10);
        assert.deepEqual(ids, [TRACE_ID, TRACE_ID]);
      }));
  });
}

test("the propagator injects nothing but the W3C headers", () => {
  const carrier: Record<string, string> = {};
  const span = tracer.startSpan("x", {}, callerContext());
  propagation.inject(trace.setSpan(context.active(), span), carrier);
  span.end();
  assert.deepEqual(Object.keys(carrier), ["traceparent"]);
});
