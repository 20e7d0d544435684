import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { createConnection } from "node:net";
import { describe, type TestContext, test } from "node:test";
import { defaultPasswordHasher, type PasswordHasher } from "@jeeves/service-kit";
import type { LightMyRequestResponse } from "fastify";
import { addClient, basic, build, postForm } from "./helper.ts";

const CC = { grant_type: "client_credentials" };
const REDIS_URL = "redis://127.0.0.1:6379";

/** The kit's hasher, counting the secrets it checks (each is one scrypt). */
function countingHasher(): PasswordHasher & { verified: number } {
  const hasher = {
    verified: 0,
    hash: (password: string) => defaultPasswordHasher.hash(password),
    verify(password: string, stored?: string) {
      hasher.verified += 1;
      return defaultPasswordHasher.verify(password, stored);
    },
  };
  return hasher;
}

function assertTooMany(res: LightMyRequestResponse) {
  assert.equal(res.statusCode, 429, res.body);
  assert.match(String(res.headers["content-type"]), /^application\/problem\+json/);
  const seconds = Number(res.headers["retry-after"]);
  assert.ok(Number.isInteger(seconds) && seconds >= 1 && seconds <= 60, `Retry-After ${res.headers["retry-after"]}`);
  assert.equal(res.json().code, "SERVICE_ERR_RATE_LIMITED");
  assert.equal(res.json().title, "Too Many Requests");
}

function redisReachable(): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: "127.0.0.1", port: 6379 });
    socket.setTimeout(2000, () => socket.destroy());
    socket.once("connect", () => socket.write("PING\r\n"));
    socket.once("data", (data) => {
      resolve(data.toString().startsWith("+PONG"));
      socket.destroy();
    });
    socket.once("error", () => resolve(false));
    socket.once("close", () => resolve(false));
  });
}

describe("rate limits of the OAuth endpoints", () => {
  test("200 wrong secrets: 401 up to the limit, then 429 with Retry-After and no secret checked", async (t) => {
    const passwords = countingHasher();
    const app = await build(t, { rateLimits: { tokenPerMinute: 5 }, passwords });
    const victim = await addClient(app, "svc");
    const other = await addClient(app, "other");
    const statuses: number[] = [];
    for (let i = 0; i < 200; i++) {
      const res = await postForm(app, "/oauth/token", CC, { authorization: basic(victim.id, `wrong-${i}`) });
      statuses.push(res.statusCode);
      if (res.statusCode === 429) assertTooMany(res);
    }
    assert.deepEqual(statuses, [...Array(5).fill(401), ...Array(195).fill(429)]);
    assert.equal(passwords.verified, 5, "the limited requests never reach the secret check");
    // Even the right secret waits now, from that address...
    assertTooMany(await postForm(app, "/oauth/token", CC, { authorization: basic(victim.id, victim.secret) }));
    // ...but another client is not limited by it, nor the same client from another address.
    const legit = await postForm(app, "/oauth/token", CC, { authorization: basic(other.id, other.secret) });
    assert.equal(legit.statusCode, 200, legit.body);
    const elsewhere = await app.inject({
      method: "POST",
      url: "/oauth/token",
      remoteAddress: "192.0.2.7",
      headers: { "content-type": "application/x-www-form-urlencoded", authorization: basic(victim.id, victim.secret) },
      payload: new URLSearchParams(CC).toString(),
    });
    assert.equal(elsewhere.statusCode, 200, elsewhere.body);
  });

  test("the form's client_id is counted like the Basic one", async (t) => {
    const passwords = countingHasher();
    const app = await build(t, { rateLimits: { tokenPerMinute: 2 }, passwords });
    const client = await addClient(app, "svc");
    const wrong = () => postForm(app, "/oauth/token", { ...CC, client_id: client.id, client_secret: "nope" });
    assert.equal((await wrong()).statusCode, 401);
    assert.equal((await wrong()).statusCode, 401);
    assertTooMany(await wrong());
    // Basic with the same id is the same client.
    assertTooMany(await postForm(app, "/oauth/token", CC, { authorization: basic(client.id, "nope") }));
    assert.equal(passwords.verified, 2);
  });

  test("introspection, which checks the caller's secret too, has its own limit", async (t) => {
    const passwords = countingHasher();
    const app = await build(t, { rateLimits: { tokenPerMinute: 100, introspectPerMinute: 3 }, passwords });
    const client = await addClient(app, "svc");
    const introspect = () =>
      postForm(app, "/oauth/introspect", { token: "x" }, { authorization: basic(client.id, "wrong") });
    for (let i = 0; i < 3; i++) assert.equal((await introspect()).statusCode, 401);
    assertTooMany(await introspect());
    assert.equal(passwords.verified, 3);
    // The token endpoint counts apart.
    const token = await postForm(app, "/oauth/token", CC, { authorization: basic(client.id, client.secret) });
    assert.equal(token.statusCode, 200);
  });

  test("with REDIS_URL two TokenDealers share the count", async (t: TestContext) => {
    if (!(await redisReachable())) {
      if (process.env.CI === "true") assert.fail("Redis not reachable at 127.0.0.1:6379 (CI=true)");
      t.skip("Redis not reachable at 127.0.0.1:6379: skipped");
      return;
    }
    const shared = {
      rateLimits: { tokenPerMinute: 4 },
      redisUrl: REDIS_URL,
      rateLimitKeyPrefix: `test:${randomUUID()}:`,
    };
    const a = await build(t, shared);
    const b = await build(t, shared);
    const wrong = (app: typeof a) => postForm(app, "/oauth/token", CC, { authorization: basic("svc", "wrong") });
    assert.equal((await wrong(a)).statusCode, 401);
    assert.equal((await wrong(b)).statusCode, 401);
    assert.equal((await wrong(a)).statusCode, 401);
    assert.equal((await wrong(b)).statusCode, 401);
    assertTooMany(await wrong(a));
    assertTooMany(await wrong(b));
  });
});
