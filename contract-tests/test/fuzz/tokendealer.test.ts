import assert from "node:assert/strict";
import { test } from "node:test";
import { spec } from "@jeeves/generated/specs/tokendealer";
import { startProvider } from "../../src/dredd/providers/tokendealer.ts";
import { failureMessage, fuzzService } from "../../src/fuzz/fuzz-service.ts";

test("tokendealer: thousands of requests generated from its spec get no 5xx, no slow answer, no crash, only problem+json errors", async () => {
  // Fewer requests than the others: each client authentication runs scrypt (tens of ms, by design).
  const tally = await fuzzService({
    service: "tokendealer",
    spec: spec as unknown as Record<string, unknown>,
    startProvider,
    runs: Number(process.env.FUZZ_RUNS ?? 800),
  });
  assert.equal(tally.failures.size, 0, failureMessage(tally));
});
