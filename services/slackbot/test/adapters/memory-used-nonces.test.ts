import assert from "node:assert/strict";
import { test } from "node:test";
import { createMemoryUsedNonces } from "../../src/adapters/memory-used-nonces.ts";

test("a nonce is used once, remembered until its expiry, then forgotten", async () => {
  let now = 1_000;
  const nonces = createMemoryUsedNonces({ now: () => now });
  assert.equal(await nonces.useOnce("a", 2_000), true);
  assert.equal(await nonces.useOnce("a", 2_000), false);
  assert.equal(await nonces.useOnce("b", 3_000), true, "another nonce is independent");
  now = 1_999;
  assert.equal(await nonces.useOnce("a", 2_000), false, "still remembered just before its expiry");
  now = 2_000;
  assert.equal(await nonces.useOnce("c", 4_000), true);
  assert.equal(nonces.size(), 2, "a is forgotten at its expiry (its state is refused as expired from then on)");
});

test("when full, a new nonce is refused rather than an old one forgotten early", async () => {
  const nonces = createMemoryUsedNonces({ now: () => 0, maxEntries: 2 });
  assert.equal(await nonces.useOnce("a", 10), true);
  assert.equal(await nonces.useOnce("b", 10), true);
  assert.equal(await nonces.useOnce("c", 10), false);
  assert.equal(await nonces.useOnce("a", 10), false, "a is still remembered");
});
