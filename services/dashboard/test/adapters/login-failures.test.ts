import assert from "node:assert/strict";
import { test } from "node:test";
import { connectRedis } from "@jeeves/service-kit";
import { deleteRedisKeys, redisTestPrefix, requireRedis, TEST_REDIS_URL } from "@jeeves/testing";
import { createMemoryLoginFailures } from "../../src/adapters/memory-login-failures.ts";
import { createRedisLoginFailures } from "../../src/adapters/redis-login-failures.ts";
import { loginKey } from "../../src/domain/login-failures.ts";

test("the key is the address and the email (any case), hashed", () => {
  assert.equal(loginKey("192.0.2.1", "Bertie@Example.com"), loginKey("192.0.2.1", " bertie@example.com"));
  assert.notEqual(loginKey("192.0.2.1", "bertie@example.com"), loginKey("192.0.2.2", "bertie@example.com"));
  assert.ok(!loginKey("192.0.2.1", "bertie@example.com").includes("bertie"));
});

test("in memory: max failures within the window, then a wait until it ends; clear forgets", async () => {
  let clock = 1_000_000;
  const failures = createMemoryLoginFailures({ max: 3, now: () => clock });
  for (let i = 0; i < 3; i++) {
    assert.equal(await failures.blockedFor("k"), 0);
    await failures.record("k");
  }
  assert.equal(await failures.blockedFor("k"), 60);
  clock += 45_500;
  assert.equal(await failures.blockedFor("k"), 15);
  assert.equal(await failures.blockedFor("other"), 0);
  clock += 15_000;
  assert.equal(await failures.blockedFor("k"), 0, "the window is over");
  await failures.record("k");
  await failures.record("k");
  await failures.record("k");
  await failures.clear("k");
  assert.equal(await failures.blockedFor("k"), 0);
  assert.throws(() => createMemoryLoginFailures({ max: 0 }), RangeError);
});

test("in Redis: shared by every replica, expiring with the window; it fails open while Redis is down", async (t) => {
  if (!(await requireRedis(t))) return;
  const log = { warnings: [] as string[], warn: (_fields: unknown, message: string) => log.warnings.push(message) };
  const client = await connectRedis(TEST_REDIS_URL, { warn() {}, info() {} });
  const keyPrefix = redisTestPrefix("dashboard-logins");
  t.after(async () => {
    await deleteRedisKeys(client, keyPrefix);
    client.disconnect();
  });
  const redis = { client, keyPrefix };
  const one = createRedisLoginFailures(redis, { max: 2, windowMs: 2000, log });
  const two = createRedisLoginFailures(redis, { max: 2, windowMs: 2000, log });
  await one.record("k");
  assert.equal(await two.blockedFor("k"), 0);
  await two.record("k");
  const wait = await one.blockedFor("k");
  assert.ok(wait >= 1 && wait <= 2, String(wait));
  await one.clear("k");
  assert.equal(await two.blockedFor("k"), 0);
  const ttl = await client.pttl(`${keyPrefix}dashboard:login-failures:k`);
  assert.equal(ttl, -2, "cleared");
  await one.record("k");
  const expiring = await client.pttl(`${keyPrefix}dashboard:login-failures:k`);
  assert.ok(expiring > 0 && expiring <= 2000, String(expiring));
  const down = {
    client: { eval: async () => Promise.reject(new Error("down")), del: async () => Promise.reject(new Error("down")) },
    keyPrefix,
  };
  const open = createRedisLoginFailures(down as never, { max: 1, log });
  await open.record("k");
  assert.equal(await open.blockedFor("k"), 0);
  await open.clear("k");
  assert.equal(log.warnings.length, 3);
});
