import assert from "node:assert/strict";
import { Writable } from "node:stream";
import { describe, test } from "node:test";
import { context, propagation } from "@opentelemetry/api";
import { build, echoHandlers } from "./helper.ts";

function capture(): { lines: () => Array<Record<string, unknown>>; stream: Writable } {
  const raw: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      raw.push(...chunk.toString().split("\n").filter(Boolean));
      done();
    },
  });
  return { lines: () => raw.map((line) => JSON.parse(line) as Record<string, unknown>), stream };
}

const TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
const PARENT_SPAN = "00f067aa0ba902b7";

/** Handlers that log a line and note the `traceparent` an outbound call of theirs would send. */
function recording(sent: Record<string, string>[]) {
  return {
    ...echoHandlers,
    echo: ({ body }: { body: unknown }, { request }: { request: { log: { info(m: string): void } } }) => {
      request.log.info("echoing");
      const carrier: Record<string, string> = {};
      propagation.inject(context.active(), carrier);
      sent.push(carrier);
      return { status: 200, body };
    },
  };
}

describe("traces of incoming requests", () => {
  test("a W3C traceparent is continued: same trace id in every line and in the traceparent sent onward", async (t) => {
    const { lines, stream } = capture();
    const sent: Record<string, string>[] = [];
    const app = await build(t, { logger: { level: "info", stream }, handlers: recording(sent) });
    const answer = await app.inject({
      method: "POST",
      url: "/echo",
      headers: { traceparent: `00-${TRACE_ID}-${PARENT_SPAN}-01`, tracestate: "vendor=x" },
      payload: { status: "ok", service: "x", checks: [] },
    });
    assert.equal(answer.statusCode, 200);
    const logged = lines().filter((line) => line.msg === "echoing" || line.msg === "request completed");
    assert.equal(logged.length, 2);
    for (const line of logged) {
      assert.equal(line.trace_id, TRACE_ID);
      assert.match(String(line.span_id), /^[0-9a-f]{16}$/);
      assert.notEqual(line.span_id, PARENT_SPAN, "the server span is a child of the caller's");
      assert.equal(typeof line.request_id, "string", "request ids stay");
    }
    assert.equal(sent.length, 1);
    assert.match(sent[0].traceparent, new RegExp(`^00-${TRACE_ID}-[0-9a-f]{16}-01$`));
    assert.equal(sent[0].tracestate, "vendor=x");
  });

  test("without a traceparent, a request starts a trace of its own", async (t) => {
    const { lines, stream } = capture();
    const sent: Record<string, string>[] = [];
    const app = await build(t, { logger: { level: "info", stream }, handlers: recording(sent) });
    const payload = { status: "ok", service: "x", checks: [] };
    await app.inject({ method: "POST", url: "/echo", payload });
    await app.inject({ method: "POST", url: "/echo", payload });
    const ids = lines()
      .filter((line) => line.msg === "echoing")
      .map((line) => line.trace_id);
    assert.equal(ids.length, 2);
    for (const id of ids) assert.match(String(id), /^[0-9a-f]{32}$/);
    assert.notEqual(ids[0], ids[1]);
  });

  test("a malformed traceparent is ignored (a new trace), never an error", async (t) => {
    const { lines, stream } = capture();
    const app = await build(t, { logger: { level: "info", stream } });
    const answer = await app.inject({ method: "GET", url: "/ok", headers: { traceparent: "00-zz-yy-01" } });
    assert.equal(answer.statusCode, 200);
    const done = lines().find((line) => line.msg === "request completed");
    assert.match(String(done?.trace_id), /^[0-9a-f]{32}$/);
  });

  test("lines logged outside any span carry no trace fields", async (t) => {
    const { lines, stream } = capture();
    const app = await build(t, { logger: { level: "info", stream } });
    app.log.info("outside");
    const line = lines().find((l) => l.msg === "outside");
    assert.equal(line?.trace_id, undefined);
    assert.equal(line?.span_id, undefined);
  });
});
