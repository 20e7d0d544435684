import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { closeRedis, connectRedis, type SharedRedis } from "@jeeves/service-kit";
import { deleteRedisKeys, redisReachable, redisTestPrefix, requireRedis, TEST_REDIS_URL } from "@jeeves/testing";
import { createMemoryUsedNonces } from "../../src/adapters/memory-used-nonces.ts";
import { createRedisUsedNonces } from "../../src/adapters/redis-used-nonces.ts";
import type { UsedNonces } from "../../src/domain/used-nonces.ts";

const quiet = { warn: () => {}, info: () => {} };
const prefix = redisTestPrefix("nonces");
let client: SharedRedis["client"] | undefined;

before(async () => {
  if (await redisReachable()) client = await connectRedis(TEST_REDIS_URL, quiet);
});
after(async () => {
  if (!client) return;
  await deleteRedisKeys(client, prefix);
  await closeRedis(client);
});

function shared(): SharedRedis {
  if (!client) throw new Error("no Redis client");
  return { client, keyPrefix: prefix };
}

/** Both adapters of the port: the one-replica memory and the Redis every replica shares. */
const flavours: { name: string; make: (now: () => number) => UsedNonces; needsRedis: boolean }[] = [
  { name: "memory", make: (now) => createMemoryUsedNonces({ now }), needsRedis: false },
  { name: "redis", make: (now) => createRedisUsedNonces({ redis: shared(), now, log: quiet }), needsRedis: true },
];

for (const flavour of flavours) {
  test(`${flavour.name}: a state's nonce is used once; an expired state's needs no memory`, async (t) => {
    if (flavour.needsRedis && !(await requireRedis(t))) return;
    const now = Date.now();
    const nonces = flavour.make(() => now);
    const nonce = `n-${flavour.name}-${now}`;
    assert.equal(await nonces.useOnce(nonce, now + 60_000), true);
    assert.equal(await nonces.useOnce(nonce, now + 60_000), false);
    assert.equal(await nonces.useOnce(`${nonce}-other`, now + 60_000), true, "another nonce is independent");
    assert.equal(await nonces.useOnce(`${nonce}-expired`, now - 1), true, "refused anyway as expired");
  });
}

test("redis: two replicas share the used nonces, each kept until its state expires", async (t) => {
  if (!(await requireRedis(t)) || !client) return;
  const now = Date.now();
  const a = createRedisUsedNonces({ redis: shared(), now: () => now, log: quiet });
  const b = createRedisUsedNonces({ redis: shared(), now: () => now, log: quiet });
  assert.equal(await a.useOnce("shared-nonce", now + 600_000), true);
  assert.equal(await b.useOnce("shared-nonce", now + 600_000), false, "used on the other replica");
  const ttl = await client.pttl(`${prefix}slackbot:install-nonce:shared-nonce`);
  assert.ok(ttl > 590_000 && ttl <= 600_000, `ttl ${ttl}`);
  // Already expired by this clock: no key written.
  assert.equal(await a.useOnce("gone", now), true);
  assert.equal(await client.exists(`${prefix}slackbot:install-nonce:gone`), 0);
});

test("redis: a nonce is refused while Redis cannot answer (refusing is the safe side)", async (t) => {
  if (!(await requireRedis(t))) return;
  const own = await connectRedis(TEST_REDIS_URL, quiet);
  const warnings: string[] = [];
  const nonces = createRedisUsedNonces({
    redis: { client: own, keyPrefix: prefix },
    now: Date.now,
    log: { warn: (_fields, message) => warnings.push(message) },
  });
  await closeRedis(own);
  assert.equal(await nonces.useOnce("while-down", Date.now() + 60_000), false);
  assert.equal(warnings.length, 1);
});
