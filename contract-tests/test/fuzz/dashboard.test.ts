import assert from "node:assert/strict";
import { test } from "node:test";
import { spec } from "@jeeves/generated/specs/dashboard";
import { startProvider } from "../../src/dredd/providers/dashboard.ts";
import { failureMessage, fuzzService } from "../../src/fuzz/fuzz-service.ts";

test("dashboard: thousands of requests generated from its spec get no 5xx, no slow answer, no crash, only problem+json errors", async () => {
  const tally = await fuzzService({
    service: "dashboard",
    spec: spec as unknown as Record<string, unknown>,
    startProvider,
  });
  assert.equal(tally.failures.size, 0, failureMessage(tally));
});
