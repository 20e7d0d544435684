import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { describe, type TestContext, test } from "node:test";
import { defaultPasswordHasher } from "@jeeves/service-kit";
import { assertRateLimited, countingHasher, requireRedis, TEST_REDIS_URL } from "@jeeves/testing";
import { addClient, basic, build, postForm } from "./helper.ts";

const CC = { grant_type: "client_credentials" };
const REDIS_URL = TEST_REDIS_URL;

describe("rate limits of the OAuth endpoints", () => {
  test("200 wrong secrets: 401 up to the limit, then 429 with Retry-After and no secret checked", async (t) => {
    const passwords = countingHasher(defaultPasswordHasher);
    const app = await build(t, { rateLimits: { tokenPerMinute: 5 }, passwords });
    const victim = await addClient(app, "svc");
    const other = await addClient(app, "other");
    const statuses: number[] = [];
    for (let i = 0; i < 200; i++) {
      const res = await postForm(app, "/oauth/token", CC, { authorization: basic(victim.id, `wrong-${i}`) });
      statuses.push(res.statusCode);
      if (res.statusCode === 429) assertRateLimited(res);
    }
    assert.deepEqual(statuses, [...Array(5).fill(401), ...Array(195).fill(429)]);
    assert.equal(passwords.verified, 5, "the limited requests never reach the secret check");
    // Even the right secret waits now, from that address...
    assertRateLimited(await postForm(app, "/oauth/token", CC, { authorization: basic(victim.id, victim.secret) }));
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
    const passwords = countingHasher(defaultPasswordHasher);
    const app = await build(t, { rateLimits: { tokenPerMinute: 2 }, passwords });
    const client = await addClient(app, "svc");
    const wrong = () => postForm(app, "/oauth/token", { ...CC, client_id: client.id, client_secret: "nope" });
    assert.equal((await wrong()).statusCode, 401);
    assert.equal((await wrong()).statusCode, 401);
    assertRateLimited(await wrong());
    // Basic with the same id is the same client.
    assertRateLimited(await postForm(app, "/oauth/token", CC, { authorization: basic(client.id, "nope") }));
    assert.equal(passwords.verified, 2);
  });

  test("introspection, which checks the caller's secret too, has its own limit", async (t) => {
    const passwords = countingHasher(defaultPasswordHasher);
    const app = await build(t, { rateLimits: { tokenPerMinute: 100, introspectPerMinute: 3 }, passwords });
    const client = await addClient(app, "svc");
    const introspect = () =>
      postForm(app, "/oauth/introspect", { token: "x" }, { authorization: basic(client.id, "wrong") });
    for (let i = 0; i < 3; i++) assert.equal((await introspect()).statusCode, 401);
    assertRateLimited(await introspect());
    assert.equal(passwords.verified, 3);
    // The token endpoint counts apart.
    const token = await postForm(app, "/oauth/token", CC, { authorization: basic(client.id, client.secret) });
    assert.equal(token.statusCode, 200);
  });

  test("with REDIS_URL two TokenDealers share the count", async (t: TestContext) => {
    if (!(await requireRedis(t, REDIS_URL))) return;
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
    assertRateLimited(await wrong(a));
    assertRateLimited(await wrong(b));
  });
});
