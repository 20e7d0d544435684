import assert from "node:assert/strict";
import { test } from "node:test";
import { countingHasher } from "../src/index.ts";

test("countingHasher counts each verify and passes hash and verify through", async () => {
  const base = {
    hash: async (password: string) => `h:${password}`,
    verify: async (password: string, stored?: string) => stored === `h:${password}`,
  };
  const hasher = countingHasher(base);
  assert.equal(await hasher.hash("a"), "h:a");
  assert.equal(hasher.verified, 0);
  assert.equal(await hasher.verify("a", "h:a"), true);
  assert.equal(await hasher.verify("b", "h:a"), false);
  assert.equal(hasher.verified, 2);
});
