import assert from "node:assert/strict";
import { after, before, describe, type TestContext, test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { deleteRedisKeys, redisReachable, redisTestPrefix, requireRedis, TEST_REDIS_URL } from "@jeeves/testing";
import type { Redis } from "ioredis";
import {
  boundedKey,
  closeRedis,
  connectRedis,
  createMemoryOnceStore,
  createOnceStore,
  createRedisOnceStore,
  type OnceStore,
  type OnceStoreOptions,
} from "../src/index.ts";

const quiet = { warn: () => {}, info: () => {} };

/** Waits until `check()` holds (every 10 ms), or fails after `timeoutMs`. */
async function until(what: string, check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

/** How each implementation is made for one test, and how its time passes. */
interface Flavour {
  name: string;
  /** Whether the test can run (Redis reachable); skips or fails (CI) otherwise. */
  ready(t: TestContext): Promise<boolean>;
  store(options: OnceStoreOptions): OnceStore;
  /** Lets `ms` pass for the store (a fake clock, or real time for Redis). */
  pass(ms: number): Promise<void>;
}

function memoryFlavour(): Flavour {
  let now = 1_000_000;
  return {
    name: "memory",
    ready: async () => true,
    store: (options) => createMemoryOnceStore({ ...options, now: () => now }),
    // An entry expires once more than its TTL has passed.
    pass: async (ms) => {
      now += ms + 1;
    },
  };
}

const prefix = redisTestPrefix("once-store");
let client: Redis | undefined;

function redisFlavour(): Flavour {
  return {
    name: "redis",
    ready: (t) => requireRedis(t),
    store: (options) => {
      if (!client) throw new Error("no Redis client");
      return createRedisOnceStore({ client, keyPrefix: prefix }, { ...options, namespace: "test:", log: quiet });
    },
    // Redis keeps its own time: wait it out (the lease lengths below are short).
    pass: (ms) => sleep(ms + 20),
  };
}

before(async () => {
  if (await redisReachable()) client = await connectRedis(TEST_REDIS_URL, quiet);
});
after(async () => {
  if (!client) return;
  await deleteRedisKeys(client, prefix);
  await closeRedis(client);
});

let keys = 0;
const key = () => `key-${++keys}`;

for (const flavour of [memoryFlavour(), redisFlavour()]) {
  describe(`once store (${flavour.name})`, () => {
    test("the first claim gets the work; a claim meanwhile is busy; once complete it is done", async (t) => {
      if (!(await flavour.ready(t))) return;
      const store = flavour.store({ leaseMs: 5_000, doneMs: 60_000 });
      const k = key();
      const first = await store.claim(k);
      assert.equal(first.status, "claimed");
      const meanwhile = await store.claim(k);
      assert.equal(meanwhile.status, "busy");
      assert.ok(meanwhile.status === "busy" && meanwhile.retryInMs > 0 && meanwhile.retryInMs <= 5_000);
      if (first.status === "claimed") await first.complete();
      assert.equal((await store.claim(k)).status, "done");
      assert.equal((await store.claim(k)).status, "done", "still done on every repeat");
      assert.equal((await store.claim(key())).status, "claimed", "another key is free");
    });

    test("a released claim is free again (the work failed)", async (t) => {
      if (!(await flavour.ready(t))) return;
      const store = flavour.store({ leaseMs: 5_000, doneMs: 60_000 });
      const k = key();
      const first = await store.claim(k);
      assert.ok(first.status === "claimed");
      await first.release();
      const second = await store.claim(k);
      assert.equal(second.status, "claimed");
    });

    test("a lease nobody settles (its holder died) expires, and the work is claimed again", async (t) => {
      if (!(await flavour.ready(t))) return;
      const store = flavour.store({ leaseMs: 100, doneMs: 60_000 });
      const k = key();
      const dead = await store.claim(k);
      assert.ok(dead.status === "claimed");
      await flavour.pass(100);
      const next = await store.claim(k);
      assert.equal(next.status, "claimed");
      // The late holder's release does not free the new holder's lease.
      await dead.release();
      assert.equal((await store.claim(k)).status, "busy");
    });

    test("a done key is forgotten after doneMs", async (t) => {
      if (!(await flavour.ready(t))) return;
      const store = flavour.store({ leaseMs: 50, doneMs: 150 });
      const k = key();
      const claim = await store.claim(k);
      assert.ok(claim.status === "claimed");
      await claim.complete();
      assert.equal((await store.claim(k)).status, "done");
      await flavour.pass(150);
      assert.equal((await store.claim(k)).status, "claimed");
    });

    test("a very long key (what a client sent) is claimed like any other", async (t) => {
      if (!(await flavour.ready(t))) return;
      const store = flavour.store({ leaseMs: 5_000, doneMs: 60_000 });
      const long = `${key()}-${"x".repeat(10_000)}`;
      assert.equal((await store.claim(long)).status, "claimed");
      assert.equal((await store.claim(long)).status, "busy");
      assert.equal((await store.claim(`${long}y`)).status, "claimed");
    });

    test("concurrent claims of one key: exactly one gets it", async (t) => {
      if (!(await flavour.ready(t))) return;
      const stores = [1, 2, 3, 4].map(() => flavour.store({ leaseMs: 5_000, doneMs: 60_000 }));
      const k = key();
      // Memory stores are per process: only the Redis ones share; each memory store is its own replica.
      const claims = await Promise.all(stores.map((store) => store.claim(k)));
      const won = claims.filter((claim) => claim.status === "claimed").length;
      assert.equal(won, flavour.name === "redis" ? 1 : 4);
    });

    test("refuses timings that are not positive integers", () => {
      assert.throws(() => flavour.store({ leaseMs: 0, doneMs: 1 }), RangeError);
      assert.throws(() => flavour.store({ leaseMs: 1, doneMs: 1.5 }), RangeError);
    });
  });
}

describe("once store in Redis", () => {
  test("keeps its keys under <prefix><namespace>, done with doneMs as TTL", async (t) => {
    if (!(await requireRedis(t)) || !client) return;
    const store = createRedisOnceStore(
      { client, keyPrefix: prefix },
      { namespace: "layout:", leaseMs: 5_000, doneMs: 60_000, log: quiet },
    );
    const claim = await store.claim("Ev1");
    assert.ok(claim.status === "claimed");
    assert.match(String(await client.get(`${prefix}layout:Ev1`)), /^lease:/);
    await claim.complete();
    assert.equal(await client.get(`${prefix}layout:Ev1`), "done");
    const ttl = await client.pttl(`${prefix}layout:Ev1`);
    assert.ok(ttl > 50_000 && ttl <= 60_000, `ttl ${ttl}`);
    await store.claim("x".repeat(300));
    assert.equal(await client.exists(`${prefix}layout:${boundedKey("x".repeat(300))}`), 1);
  });

  test("fails open while Redis cannot be reached: the work goes through, and a warning says so", async (t) => {
    if (!(await requireRedis(t))) return;
    const own = await connectRedis(TEST_REDIS_URL, quiet);
    const warnings: string[] = [];
    const store = createRedisOnceStore(
      { client: own, keyPrefix: prefix },
      {
        namespace: "down:",
        leaseMs: 5_000,
        doneMs: 60_000,
        log: { warn: (_fields, message) => warnings.push(message) },
      },
    );
    own.disconnect();
    await until("the client is down", async () => own.status !== "ready");
    const claim = await store.claim("Ev1");
    assert.equal(claim.status, "claimed");
    if (claim.status === "claimed") {
      await claim.complete();
      await claim.release();
    }
    assert.deepEqual(warnings, ["Redis claim failed: handled unguarded"]);
  });

  test("createOnceStore picks Redis when the app has it, memory otherwise", async (t) => {
    const memory = createOnceStore({ redis: null, namespace: "pick:", leaseMs: 1_000, doneMs: 1_000, log: quiet });
    assert.equal((await memory.claim("k")).status, "claimed");
    if (!(await requireRedis(t)) || !client) return;
    const shared = { client, keyPrefix: prefix };
    const a = createOnceStore({ redis: shared, namespace: "pick:", leaseMs: 1_000, doneMs: 1_000, log: quiet });
    const b = createOnceStore({ redis: shared, namespace: "pick:", leaseMs: 1_000, doneMs: 1_000, log: quiet });
    assert.equal((await a.claim("k")).status, "claimed");
    assert.equal((await b.claim("k")).status, "busy", "two stores on one Redis share their keys");
  });
});
