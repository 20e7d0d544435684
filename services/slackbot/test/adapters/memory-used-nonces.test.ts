import assert from "node:assert/strict";
import { test } from "node:test";
import { createMemoryUsedNonces } from "../../src/adapters/memory-used-nonces.ts";

test("a nonce is used once, remembered until its expiry, then forgotten", async () => {
  let now = 1_000;
  const nonces = createMemoryUsedNonces({ now: () => now });
  assert.equal(await nonces.useOnce("a", 2_000), true);
  assert.equal(await nonces.useOnce("a", 2_000), false);
  assert.equal(await nonces.useOnce("b", 3_000), true, "another nonce is independent");
  now = 2_000;
  assert.equal(await nonces.useOnce("a", 2_000), false, "still remembered at its expiry");
  now = 2_001;
  assert.equal(await nonces.useOnce("c", 4_000), true);
  assert.equal(nonces.size(), 2, "a is forgotten past its expiry (its state is refused as expired from then on)");
});

test("when full, a new nonce is refused rather than an old one forgotten early", async () => {
  const nonces = createMemoryUsedNonces({ now: () => 0, maxEntries: 2 });
  assert.equal(await nonces.useOnce("a", 10), true);
  assert.equal(await nonces.useOnce("b", 10), true);
  assert.equal(await nonces.useOnce("c", 10), false);
  assert.equal(await nonces.useOnce("a", 10), false, "a is still remembered");
});

test("the nonce of a state that has already expired takes no room", async () => {
  const nonces = createMemoryUsedNonces({ now: () => 5_000, maxEntries: 1 });
  assert.equal(await nonces.useOnce("old", 5_000), true);
  assert.equal(nonces.size(), 0);
  assert.equal(await nonces.useOnce("new", 6_000), true, "the one place is still free");
});
