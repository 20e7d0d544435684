import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { topicMatches } from "../src/index.ts";

const cases = JSON.parse(readFileSync(new URL("./fixtures/topic-patterns.json", import.meta.url), "utf8")) as Array<
  [pattern: string, routingKey: string, matches: boolean]
>;

for (const [pattern, routingKey, matches] of cases) {
  test(`${pattern} ${matches ? "matches" : "does not match"} ${routingKey}`, () => {
    assert.equal(topicMatches(pattern, routingKey), matches);
  });
}
