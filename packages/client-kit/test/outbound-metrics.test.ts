import assert from "node:assert/strict";
import { test } from "node:test";
import { type OutboundOutcome, observedFetch } from "../src/index.ts";

test("observedFetch reports each request's outcome: ok, 4xx, 5xx, timeout, error", async () => {
  const seen: OutboundOutcome[] = [];
  const observer = {
    observe: (outcome: OutboundOutcome, seconds: number) => {
      assert.ok(seconds >= 0);
      seen.push(outcome);
    },
  };
  const answer = (status: number) =>
    observedFetch(async (_request: Request) => new Response(null, { status }), observer);
  assert.equal((await answer(204)(new Request("http://x/"))).status, 204);
  await answer(404)(new Request("http://x/"));
  await answer(503)(new Request("http://x/"));
  const timeout = observedFetch(async (_request: Request): Promise<Response> => {
    throw new DOMException("slow", "TimeoutError");
  }, observer);
  await assert.rejects(timeout(new Request("http://x/")), { name: "TimeoutError" });
  const broken = observedFetch(async (_request: Request): Promise<Response> => {
    throw new TypeError("fetch failed");
  }, observer);
  await assert.rejects(broken(new Request("http://x/")), TypeError);
  assert.deepEqual(seen, ["ok", "4xx", "5xx", "timeout", "error"]);
});
