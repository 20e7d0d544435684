import assert from "node:assert/strict";
import { test } from "node:test";
import { TtlCache } from "../../src/domain/ttl-cache.ts";
import { testClock } from "../helper.ts";

function counter() {
  let calls = 0;
  return {
    load: (value: string) => async () => {
      calls += 1;
      return value;
    },
    get calls() {
      return calls;
    },
  };
}

test("a value is kept for the TTL, then loaded again", async () => {
  const clock = testClock();
  const cache = new TtlCache<string>({ ttlMs: 1000, now: clock.now });
  const loads = counter();
  const first = await cache.get("k", loads.load("a"));
  assert.deepEqual(first, { value: "a", expiresAt: clock.at + 1000 });
  clock.advance(999);
  assert.equal((await cache.get("k", loads.load("b"))).value, "a");
  assert.equal(loads.calls, 1);
  clock.advance(1);
  assert.equal((await cache.get("k", loads.load("b"))).value, "b");
  assert.equal(loads.calls, 2);
});

test("concurrent misses of one key share one load", async () => {
  const cache = new TtlCache<string>({ ttlMs: 1000 });
  let release: (value: string) => void = () => {};
  let calls = 0;
  const load = () => {
    calls += 1;
    return new Promise<string>((resolve) => {
      release = resolve;
    });
  };
  const both = Promise.all([cache.get("k", load), cache.get("k", load)]);
  release("a");
  assert.deepEqual(
    (await both).map((entry) => entry.value),
    ["a", "a"],
  );
  assert.equal(calls, 1);
});

test("a failed load is not kept: the next call loads again", async () => {
  const cache = new TtlCache<string>({ ttlMs: 1000 });
  await assert.rejects(
    cache.get("k", async () => {
      throw new Error("down");
    }),
    /down/,
  );
  assert.equal((await cache.get("k", async () => "up")).value, "up");
});

test("past maxEntries the expired values go first, then the oldest", async () => {
  const clock = testClock();
  const cache = new TtlCache<string>({ ttlMs: 1000, maxEntries: 2, now: clock.now });
  const loads = counter();
  await cache.get("old", loads.load("old"));
  clock.advance(1000);
  await cache.get("a", loads.load("a"));
  await cache.get("b", loads.load("b"));
  assert.equal(cache.size, 2, "the expired value made room");
  await cache.get("c", loads.load("c"));
  assert.equal(cache.size, 2);
  assert.equal((await cache.get("b", loads.load("b2"))).value, "b", "b and c are kept");
  assert.equal((await cache.get("a", loads.load("a2"))).value, "a2", "a, the oldest, went");
});
