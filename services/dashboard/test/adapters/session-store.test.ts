import assert from "node:assert/strict";
import { test } from "node:test";
import { connectRedis } from "@jeeves/service-kit";
import { deleteRedisKeys, redisTestPrefix, requireRedis, TEST_REDIS_URL } from "@jeeves/testing";
import { createMemorySessionStore } from "../../src/adapters/memory-session-store.ts";
import { createRedisSessionStore } from "../../src/adapters/redis-session-store.ts";
import { storageKey } from "../../src/domain/session.ts";

test("in memory: create, find until it expires, end", async () => {
  let clock = 1_000_000;
  const store = createMemorySessionStore({ ttlMs: 1000, now: () => clock });
  const session = await store.create("u-1");
  assert.equal(session.expiresAt, 1_001_000);
  assert.deepEqual(await store.find(session.id), session);
  assert.equal(await store.find(session.id.replace(/^./, (c) => (c === "a" ? "b" : "a"))), undefined);
  clock += 999;
  assert.ok(await store.find(session.id));
  clock += 1;
  assert.equal(await store.find(session.id), undefined);
  const other = await store.create("u-1");
  await store.end(other.id);
  assert.equal(await store.find(other.id), undefined);
  await store.end(other.id);
});

test("in Redis: shared by two stores (replicas), kept under the id's hash with its TTL; Redis down is 503", async (t) => {
  if (!(await requireRedis(t))) return;
  const client = await connectRedis(TEST_REDIS_URL, { warn() {}, info() {} });
  const keyPrefix = redisTestPrefix("dashboard-sessions");
  t.after(async () => {
    await deleteRedisKeys(client, keyPrefix);
    client.disconnect();
  });
  const one = createRedisSessionStore({ client, keyPrefix }, { ttlMs: 60_000 });
  const two = createRedisSessionStore({ client, keyPrefix }, { ttlMs: 60_000 });
  const session = await one.create("u-1");
  assert.deepEqual(await two.find(session.id), session);
  const key = `${keyPrefix}dashboard:session:${storageKey(session.id)}`;
  const stored = await client.get(key);
  assert.ok(stored && !stored.includes(session.id), "the id itself is not stored");
  const ttl = await client.pttl(key);
  assert.ok(ttl > 59_000 && ttl <= 60_000, String(ttl));
  await client.set(`${keyPrefix}dashboard:session:${storageKey("garbage")}`, "{not json");
  assert.equal(await two.find("garbage"), undefined);
  await two.end(session.id);
  assert.equal(await one.find(session.id), undefined);
  const failing = async () => Promise.reject(new Error("down"));
  const down = createRedisSessionStore({ client: { get: failing, set: failing, del: failing }, keyPrefix } as never, {
    ttlMs: 1000,
  });
  for (const attempt of [() => down.create("u"), () => down.find(session.id), () => down.end(session.id)]) {
    await assert.rejects(attempt(), (error: { code?: string; statusCode?: number }) => {
      assert.equal(error.code, "DASHBOARD_ERR_SESSIONS_UNAVAILABLE");
      assert.equal(error.statusCode, 503);
      return true;
    });
  }
});
