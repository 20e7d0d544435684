import assert from "node:assert/strict";
import { test } from "node:test";
import { spec } from "@jeeves/generated/specs/__name__";
import { startProvider } from "../../src/dredd/providers/__name__.ts";
import { failureMessage, fuzzService } from "../../src/fuzz/fuzz-service.ts";

test("__name__: thousands of requests generated from its spec get no 5xx, no slow answer, no crash, only problem+json errors", async () => {
  const tally = await fuzzService({
    service: "__name__",
    spec: spec as unknown as Record<string, unknown>,
    startProvider,
  });
  assert.equal(tally.failures.size, 0, failureMessage(tally));
});
