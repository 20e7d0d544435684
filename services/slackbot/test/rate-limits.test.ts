import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { describe, type TestContext, test } from "node:test";
import { assertRateLimited, requireRedis, TEST_REDIS_URL } from "@jeeves/testing";
import type { FastifyInstance } from "fastify";
import { signedSlackRequest } from "../testing/index.ts";
import { build, sharedServices } from "./helper.ts";

const CHALLENGE = { token: "t", challenge: "c0ffee", type: "url_verification" };

function slackEvent(app: FastifyInstance, secret: string, remoteAddress = "127.0.0.1") {
  return app.inject({ method: "POST", url: "/slack/events", remoteAddress, ...signedSlackRequest(secret, CHALLENGE) });
}

describe("rate limits", () => {
  test("POST /slack/events: per address, before the signature is checked", async (t) => {
    const { app, signingSecret } = await build(t, { rateLimits: { slackEventsPerMinute: 3 } });
    for (let i = 0; i < 3; i++) assert.equal((await slackEvent(app, signingSecret)).statusCode, 200);
    assertRateLimited(await slackEvent(app, signingSecret));
    // Counted before the signature: an unsigned flood gets 429 too, without its body being read.
    assertRateLimited(await slackEvent(app, "not-the-secret"));
    // Slack's other addresses are not limited by this one.
    const other = await slackEvent(app, signingSecret, "198.51.100.9");
    assert.equal(other.statusCode, 200);
    assert.deepEqual(other.json(), { challenge: "c0ffee" });
  });

  test("POST /chat: per address, after the bearer token (anonymous calls do not use up the limit)", async (t) => {
    const { app } = await build(t, { rateLimits: { chatPerMinute: 2 } });
    const { chatToken } = await sharedServices();
    const chat = (authorization?: string, remoteAddress = "127.0.0.1") =>
      app.inject({
        method: "POST",
        url: "/chat",
        remoteAddress,
        headers: { "content-type": "application/json", ...(authorization ? { authorization } : {}) },
        payload: {},
      });
    for (let i = 0; i < 5; i++) assert.equal((await chat()).statusCode, 401);
    // An empty body is a 400 (validation runs after the limit), which is enough to count.
    assert.equal((await chat(`Bearer ${chatToken}`)).statusCode, 400);
    assert.equal((await chat(`Bearer ${chatToken}`)).statusCode, 400);
    assertRateLimited(await chat(`Bearer ${chatToken}`));
    assert.equal((await chat(`Bearer ${chatToken}`, "203.0.113.5")).statusCode, 400);
  });

  test("with REDIS_URL two slackbots share the count", async (t: TestContext) => {
    if (!(await requireRedis(t))) return;
    const shared = {
      rateLimits: { slackEventsPerMinute: 2 },
      redisUrl: TEST_REDIS_URL,
      rateLimitKeyPrefix: `test:${randomUUID()}:`,
    };
    const a = await build(t, shared);
    const b = await build(t, { ...shared, signingSecret: a.signingSecret });
    assert.equal((await slackEvent(a.app, a.signingSecret)).statusCode, 200);
    assert.equal((await slackEvent(b.app, b.signingSecret)).statusCode, 200);
    assertRateLimited(await slackEvent(a.app, a.signingSecret));
    assertRateLimited(await slackEvent(b.app, b.signingSecret));
  });
});
