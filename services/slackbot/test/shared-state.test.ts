import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { Writable } from "node:stream";
import { after, describe, type TestContext, test } from "node:test";
import { MemoryBus, publishReply, type Reply, silentLogger } from "@jeeves/bus";
import { closeRedis, connectRedis } from "@jeeves/service-kit";
import { deleteRedisKeys, redisReachable, redisTestPrefix, requireRedis, TEST_REDIS_URL } from "@jeeves/testing";
import { signedSlackRequest, startFakeSlack } from "../testing/index.ts";
import { BOT_USER, build, eventually, settle, spyChatMessages, TEAM } from "./helper.ts";

// Two slackbot replicas behind one load balancer: what one of them did, the other must know (REDIS_URL).

const prefix = redisTestPrefix("slackbot");

after(async () => {
  if (!(await redisReachable())) return;
  const redis = await connectRedis(TEST_REDIS_URL, { warn: () => {}, info: () => {} });
  await deleteRedisKeys(redis, prefix);
  await closeRedis(redis);
});

function mention(eventId: string) {
  return {
    token: "Jhj5dZrVaK7ZwHHjRyZWjbDl",
    team_id: TEAM,
    api_app_id: "A0123APP",
    type: "event_callback",
    event_id: eventId,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ team_id: TEAM, user_id: BOT_USER, is_bot: true }],
    event: {
      type: "app_mention",
      user: "U0456EFGH",
      text: `<@${BOT_USER}> weather in Paris`,
      ts: "1764316800.000100",
      channel: "C0123CHAN",
      event_ts: "1764316800.000100",
    },
  };
}

function reply(): Reply {
  return {
    reply_to: `Ev${randomUUID()}`,
    destination: "slack",
    team: TEAM,
    channel: "C0123CHAN",
    text: "Paris: 18 °C, light rain.",
    time: new Date().toISOString(),
  };
}

/** Two slackbots (one signing secret, one bus) sharing a Redis under this run's prefix, or none. */
async function twoReplicas(t: TestContext, redis: boolean) {
  const bus = new MemoryBus({ logger: silentLogger });
  t.after(() => bus.close());
  const shared = redis ? { redisUrl: TEST_REDIS_URL, redisKeyPrefix: prefix } : {};
  const a = await build(t, { ...shared, bus });
  const b = await build(t, { ...shared, bus, signingSecret: a.signingSecret });
  return { a, b, bus };
}

describe("two slackbots sharing Redis", () => {
  test("a Slack event delivered to both (Slack's retry on the other replica) is published once", async (t) => {
    if (!(await requireRedis(t))) return;
    const { a, b, bus } = await twoReplicas(t, true);
    const published = await spyChatMessages(bus);
    const event = signedSlackRequest(a.signingSecret, mention(`Ev${randomUUID()}`));
    const first = await a.app.inject({ method: "POST", url: "/slack/events", ...event });
    const retry = await b.app.inject({
      method: "POST",
      url: "/slack/events",
      headers: { ...event.headers, "x-slack-retry-num": "1", "x-slack-retry-reason": "http_timeout" },
      payload: event.payload,
    });
    assert.equal(first.statusCode, 200);
    assert.equal(retry.statusCode, 200, "the retry is acknowledged");
    await settle(50);
    assert.equal(published.length, 1);
  });

  test("delivered to both at once: one publishes, the other acknowledges or asks Slack to retry", async (t) => {
    if (!(await requireRedis(t))) return;
    const { a, b, bus } = await twoReplicas(t, true);
    const published = await spyChatMessages(bus);
    for (let round = 0; round < 5; round++) {
      const event = signedSlackRequest(a.signingSecret, mention(`Ev${randomUUID()}`));
      const answers = await Promise.all(
        [a, b].map((bot) => bot.app.inject({ method: "POST", url: "/slack/events", ...event })),
      );
      for (const answer of answers) {
        if (answer.statusCode === 200) continue;
        assert.equal(answer.statusCode, 503);
        assert.equal(answer.json().code, "SLACKBOT_ERR_EVENT_IN_PROGRESS");
      }
      assert.ok(answers.some((answer) => answer.statusCode === 200));
    }
    await eventually(() => published.length >= 5, 15_000, "five publishes");
    await settle(50);
    assert.equal(published.length, 5, "one publish per event");
  });

  test("without Redis each replica remembers only its own events (why REDIS_URL is needed)", async (t) => {
    const { a, b, bus } = await twoReplicas(t, false);
    const published = await spyChatMessages(bus);
    const event = signedSlackRequest(a.signingSecret, mention(`Ev${randomUUID()}`));
    await a.app.inject({ method: "POST", url: "/slack/events", ...event });
    await b.app.inject({ method: "POST", url: "/slack/events", ...event });
    await eventually(() => published.length === 2, 15_000, "two publishes");
  });

  test("a reply redelivered to the other replica is not posted to Slack twice", async (t) => {
    if (!(await requireRedis(t))) return;
    const slack = await startFakeSlack();
    t.after(() => slack.close());
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    // Each replica consumes its own bus here, so that each gets the same reply once (a redelivery).
    const shared = { redisUrl: TEST_REDIS_URL, redisKeyPrefix: prefix, slack, logger: { level: "info", stream } };
    const a = await build(t, shared);
    const b = await build(t, { ...shared, signingSecret: a.signingSecret });
    const answer = reply();
    await publishReply(a.bus, answer);
    await slack.waitForPosts(1);
    // Marked posted once Slack's answer is read, after the fake counted the post: wait for the line.
    await eventually(() => lines.some((line) => line.includes("reply posted to Slack")), 15_000, "the posted line");
    await publishReply(b.bus, answer);
    await eventually(() => lines.some((line) => line.includes("reply already posted: dropped")), 15_000, "the drop");
    assert.equal(slack.posts.length, 1);
    // Another reply is posted as usual, by either.
    await publishReply(b.bus, reply());
    await slack.waitForPosts(2);
  });
});
