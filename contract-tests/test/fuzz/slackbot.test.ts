import assert from "node:assert/strict";
import { test } from "node:test";
import { spec } from "@jeeves/generated/specs/slackbot";
import { startProvider } from "../../src/dredd/providers/slackbot.ts";
import { failureMessage, fuzzService } from "../../src/fuzz/fuzz-service.ts";

test("slackbot: thousands of requests generated from its spec get no 5xx, no slow answer, no crash, only problem+json errors", async () => {
  const tally = await fuzzService({
    service: "slackbot",
    spec: spec as unknown as Record<string, unknown>,
    startProvider,
  });
  assert.equal(tally.failures.size, 0, failureMessage(tally));
});
