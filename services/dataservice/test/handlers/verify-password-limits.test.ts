import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { describe, type TestContext, test } from "node:test";
import { createPasswordHasher, defaultPasswordHasher } from "@jeeves/service-kit";
import { assertRateLimited, countingHasher, requireRedis, TEST_REDIS_URL } from "@jeeves/testing";
import type { FastifyInstance } from "fastify";
import { build } from "../helper.ts";
import { call, VARIANTS } from "../wire.ts";

const json = VARIANTS[0];

function verify(app: FastifyInstance, email: string, password: string) {
  return call(app, json, "verifyPassword", { url: "/users/verify-password", body: { email, password } });
}

describe("verifyPassword limits", () => {
  test("wrong passwords for one email: 401 up to the limit, then 429 without a password check; other emails still log in", async (t) => {
    const passwords = countingHasher(defaultPasswordHasher);
    const app = await build(t, { rateLimits: { verifyPasswordPerMinute: 3 }, passwords });
    for (const [name, email] of [
      ["Bertie", "bertie@example.com"],
      ["Aunt Agatha", "agatha@example.com"],
    ]) {
      const created = await call(app, json, "createUser", {
        url: "/users",
        body: { display_name: name, email, password: "what-ho-jeeves" },
      });
      assert.equal(created.status, 201);
    }
    const statuses: number[] = [];
    for (let i = 0; i < 20; i++) statuses.push((await verify(app, "bertie@example.com", `guess-${i}`)).status);
    assert.deepEqual(statuses, [...Array(3).fill(401), ...Array(17).fill(429)]);
    assert.equal(passwords.verified, 3, "the limited requests never reach scrypt");
    // The same email in other letters or with spaces is the same account.
    assertRateLimited(await verify(app, " Bertie@Example.COM", "what-ho-jeeves"));
    const other = await verify(app, "agatha@example.com", "what-ho-jeeves");
    assert.equal(other.status, 200);
    assert.equal((other.body as { email: string }).email, "agatha@example.com");
  });

  test("more password checks at once than the hasher takes: 503 SERVICE_ERR_OVERLOADED with Retry-After", async (t) => {
    const waiting: Array<() => void> = [];
    let started: () => void = () => {};
    const firstStarted = new Promise<void>((resolve) => {
      started = resolve;
    });
    const passwords = createPasswordHasher({
      concurrency: 1,
      queue: 0,
      retryAfterSeconds: 2,
      derive: (_password, _salt, keylen) =>
        new Promise((resolve) => {
          waiting.push(() => resolve(Buffer.alloc(keylen)));
          started();
        }),
    });
    const app = await build(t, { passwords });
    const first = verify(app, "bertie@example.com", "one");
    // Wait until the first check holds the hasher's only turn: the event itself, not a count of loop
    // turns (its way there may pass through libuv's threads, slow on a busy machine); bounded.
    await Promise.race([
      firstStarted,
      new Promise((_, reject) =>
        setTimeout(() => reject(new Error("the first check never reached the hasher in 30 s")), 30_000).unref(),
      ),
    ]);
    assert.equal(waiting.length, 1);
    const refused = await verify(app, "agatha@example.com", "two");
    assert.equal(refused.status, 503);
    assert.equal(refused.contentType, "application/problem+json");
    assert.equal(refused.headers["retry-after"], "2");
    assert.equal((refused.body as { code: string }).code, "SERVICE_ERR_OVERLOADED");
    waiting.shift()?.();
    assert.equal((await first).status, 401);
  });

  test("with REDIS_URL two dataservices share the count", async (t: TestContext) => {
    if (!(await requireRedis(t))) return;
    const shared = {
      rateLimits: { verifyPasswordPerMinute: 2 },
      redisUrl: TEST_REDIS_URL,
      rateLimitKeyPrefix: `test:${randomUUID()}:`,
    };
    const a = await build(t, shared);
    const b = await build(t, shared);
    assert.equal((await verify(a, "bertie@example.com", "x")).status, 401);
    assert.equal((await verify(b, "bertie@example.com", "y")).status, 401);
    assertRateLimited(await verify(a, "bertie@example.com", "z"));
    assertRateLimited(await verify(b, "bertie@example.com", "z"));
  });
});
