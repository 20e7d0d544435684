import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { paths } from "@jeeves/generated/openapi/dataservice";
import { spec } from "@jeeves/generated/specs/dataservice";
import { context, trace } from "@opentelemetry/api";
import { NodeTracerProvider } from "@opentelemetry/sdk-trace-node";
import { createClient, createTokenProvider, tracedFetch, tracedUrlFetch } from "../src/index.ts";

// What service-kit's setupTracing does in a service.
new NodeTracerProvider().register();

const TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
const CALLER_SPAN = "00f067aa0ba902b7";
const TRACEPARENT = new RegExp(`^00-${TRACE_ID}-([0-9a-f]{16})-01$`);

function inTrace<T>(run: () => Promise<T>): Promise<T> {
  const caller = trace.setSpanContext(context.active(), { traceId: TRACE_ID, spanId: CALLER_SPAN, traceFlags: 1 });
  return context.with(caller, run);
}

describe("trace propagation on outbound calls", () => {
  it("a typed client sends the traceparent of a client span of the caller's trace", async () => {
    const sent: Headers[] = [];
    const client = createClient<paths>({
      spec,
      baseUrl: "http://dataservice.test",
      fetch: async (request) => {
        sent.push(request.headers);
        return new Response(null, { status: 204 });
      },
    });
    await inTrace(() => client.DELETE("/users/{userId}", { params: { path: { userId: "U1" } } }));
    assert.equal(sent.length, 1);
    const span = TRACEPARENT.exec(sent[0].get("traceparent") ?? "")?.[1];
    assert.ok(span, `traceparent ${sent[0].get("traceparent")}`);
    assert.notEqual(span, CALLER_SPAN, "a client span of its own");
  });

  it("the token clients' calls to the TokenDealer carry it too", async () => {
    const sent: Headers[] = [];
    const provider = createTokenProvider({
      tokendealerUrl: "http://tokendealer.test",
      clientId: "actions",
      clientSecret: "not-a-secret",
      audience: "dataservice",
      fetch: async (request) => {
        sent.push(request.headers);
        return Response.json({ access_token: "t", token_type: "Bearer", expires_in: 300 });
      },
    });
    await inTrace(() => provider.token());
    assert.match(sent[0].get("traceparent") ?? "", TRACEPARENT);
  });

  it("outside any trace, a call starts one (a new trace id each time)", async () => {
    const sent: Request[] = [];
    const fetch = tracedFetch(async (request) => {
      sent.push(request);
      return new Response("ok");
    });
    await fetch(new Request("http://a.test/x"));
    await fetch(new Request("http://a.test/y"));
    const ids = sent.map((r) => r.headers.get("traceparent")?.split("-")[1]);
    for (const id of ids) assert.match(String(id), /^[0-9a-f]{32}$/);
    assert.notEqual(ids[0], ids[1]);
  });

  it("an SDK's (url, init) fetch gets the header beside its own, and errors still reject", async () => {
    const calls: Record<string, string>[] = [];
    const fetch = tracedUrlFetch(
      async (_url: string | URL, init?: { method?: string; headers?: Record<string, string> }) => {
        calls.push(init?.headers ?? {});
        if (calls.length === 2) throw new TypeError("fetch failed");
        return { status: 200 };
      },
    );
    await inTrace(() => fetch("https://slack.test/api/chat.postMessage", { method: "POST", headers: { a: "b" } }));
    assert.equal(calls[0].a, "b");
    assert.match(calls[0].traceparent, TRACEPARENT);
    await assert.rejects(() => fetch("https://slack.test/api/x"), /fetch failed/);
  });
});
