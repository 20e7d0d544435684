import assert from "node:assert/strict";
import { describe, type TestContext, test } from "node:test";
import { BOT_TOKEN, BOT_USER, type E2e, mention, rabbitReachable, sleep, startE2e, waitFor } from "./harness.ts";

type BusKind = "memory" | "rabbitmq";

/** Runs `body` against the whole suite on `bus`; RabbitMQ tests fail under CI without a broker, else skip. */
async function withSuite(t: TestContext, bus: BusKind, body: (e: E2e) => Promise<void>): Promise<void> {
  if (bus === "rabbitmq" && !(await rabbitReachable())) {
    if (process.env.CI === "true") assert.fail("RabbitMQ not reachable at 127.0.0.1:5672 (CI=true)");
    t.skip("RabbitMQ not reachable at 127.0.0.1:5672: skipped");
    return;
  }
  await body(await startE2e(t, { bus }));
}

/**
 * A time zone (`Etc/GMT±N`) where it is around noon now, and the alert time `12:MM` of this minute there:
 * an alert that is due at once and stays due for the next hour, whatever the hour in UTC.
 */
function noonSomewhere(now = new Date()): { zone: string; time: string } {
  let offset = (12 - now.getUTCHours() + 24) % 24;
  if (offset > 14) offset -= 24;
  const zone = offset === 0 ? "UTC" : offset > 0 ? `Etc/GMT-${offset}` : `Etc/GMT+${-offset}`;
  return { zone, time: `12:${String(now.getUTCMinutes()).padStart(2, "0")}` };
}

/** The posts the fake Slack accepted in one thread. */
function postedIn(e: E2e, thread: string) {
  return e.slack.posts.filter((p) => p.thread_ts === thread && p.status === 200 && p.ts !== undefined);
}

for (const bus of ["memory", "rabbitmq"] as const) {
  describe(`Jeeves end to end (${bus === "memory" ? "in-process bus" : "RabbitMQ"})`, () => {
    test("config set units metric, then config show: two right replies in the right thread", (t) =>
      withSuite(t, bus, async (e) => {
        const set = mention("config set units metric");
        // Acknowledged once published, before any reply (no stopwatch here: the slackbot's tests bound the
        // wait for the bus, and a loaded machine must not fail this test).
        const answer = await e.sendEvent(set);
        assert.equal(answer.status, 200);
        const [first] = await e.slack.waitForPosts(1);
        assert.equal(first.text, "units is now metric.");
        assert.equal(first.channel, set.event.channel);
        assert.equal(first.thread_ts, set.event.ts, "in the thread of the mention");
        assert.equal(first.token, BOT_TOKEN, "with the workspace's bot token");

        const show = mention("config show");
        assert.equal((await e.sendEvent(show)).status, 200);
        const posts = await e.slack.waitForPosts(2);
        assert.equal(posts[1].text, "Your settings:\n• units: metric");
        assert.equal(posts[1].thread_ts, show.event.ts);
        assert.equal(posts.length, 2);
      }));

    test("the same event delivered three times gives one reply", (t) =>
      withSuite(t, bus, async (e) => {
        const event = mention("config set units imperial");
        const answers = [
          await e.sendEvent(event),
          await e.sendEvent(event, { headers: { "x-slack-retry-num": "1", "x-slack-retry-reason": "http_timeout" } }),
          await e.sendEvent(event, { headers: { "x-slack-retry-num": "2", "x-slack-retry-reason": "http_timeout" } }),
        ];
        assert.deepEqual(
          answers.map((a) => a.status),
          [200, 200, 200],
          "every delivery is acknowledged, so Slack stops retrying",
        );
        await e.slack.waitForPosts(1);
        await sleep(500);
        assert.equal(postedIn(e, event.event.ts).length, 1);
        assert.equal(e.published.filter((m) => m.message_id === event.event_id).length, 1, "published once");
      }));

    test("a bad signature, a stale timestamp or an unsigned body get 401 and nothing is published", (t) =>
      withSuite(t, bus, async (e) => {
        const forged = mention("config set units metric");
        const now = Math.floor(Date.now() / 1000);
        const refused = [
          await e.sendEvent(forged, { headers: { "x-slack-signature": `v0=${"0".repeat(64)}` } }),
          await e.sendEvent(forged, { timestamp: now - 600 }), // signed correctly, 10 minutes ago
          await e.sendEvent(forged, { signed: false }),
        ];
        for (const answer of refused) {
          assert.equal(answer.status, 401);
          assert.match(answer.headers.get("content-type") ?? "", /^application\/problem\+json/);
        }
        const marker = mention("help");
        assert.equal((await e.sendEvent(marker)).status, 200);
        await waitFor("the marker on the bus", () => e.published.length > 0);
        await e.slack.waitForPosts(1);
        assert.deepEqual(
          e.published.map((m) => m.message_id),
          [marker.event_id],
          "only the signed marker was published",
        );
        assert.equal(e.slack.posts.length, 1, "one reply: the marker's");
      }));

    test("messages from bots, from Jeeves itself and edits are ignored", (t) =>
      withSuite(t, bus, async (e) => {
        const ignored = [
          mention("config show", { bot_id: "B0OTHER01", subtype: "bot_message" }),
          mention("config show", { bot_id: "B0OTHER02" }),
          mention("config show", { user: BOT_USER }),
          mention("config show", { subtype: "message_changed" }),
        ];
        for (const event of ignored) assert.equal((await e.sendEvent(event)).status, 200);
        const marker = mention("help");
        await e.sendEvent(marker);
        await e.slack.waitForPosts(1);
        await sleep(300);
        assert.deepEqual(
          e.published.map((m) => m.message_id),
          [marker.event_id],
        );
        assert.equal(e.slack.posts.length, 1);
      }));

    test("a message whose handler fails once is retried and answered once", (t) =>
      withSuite(t, bus, async (e) => {
        // actions: the dataservice refuses the first find-or-create (503), so its handler throws once.
        e.proxy.failNext("/users/find-or-create", 1);
        const event = mention("config set units metric");
        await e.sendEvent(event);
        const [post] = await e.slack.waitForPosts(1);
        assert.equal(post.text, "units is now metric.");
        assert.equal(e.proxy.failed(), 1, "the first attempt did fail");
        // slackbot: Slack answers 500 to the first chat.postMessage, so the poster throws once.
        e.slack.script({ status: 500 });
        const again = mention("config show");
        await e.sendEvent(again);
        await waitFor("the retried post", () => postedIn(e, again.event.ts).length === 1);
        await sleep(300);
        assert.equal(postedIn(e, event.event.ts).length, 1, "the first message answered once");
        assert.equal(postedIn(e, again.event.ts).length, 1, "the second answered once");
        assert.equal(e.slack.posts.filter((p) => p.thread_ts === again.event.ts).length, 2, "a 500, then the post");
        assert.equal(await e.deadLetters("actions"), 0);
        assert.equal(await e.deadLetters("slackbot"), 0);
      }));

    test("a daily alert reaches the user once, as a direct message, at their time in their time zone", (t) =>
      withSuite(t, bus, async (e) => {
        const { zone, time } = noonSomewhere();
        const steps = [`config set timezone ${zone}`, "location set Berlin", `alerts on ${time}`];
        for (const [index, text] of steps.entries()) {
          await e.sendEvent(mention(text));
          await e.slack.waitForPosts(index + 1);
        }
        assert.match(
          e.slack.posts[2].text,
          new RegExp(`^Alerts on: the weather for Berlin every day at ${time} \\(${zone.replace("+", "\\+")}\\)`),
        );
        // The scheduler ticks every 200 ms here: the alert is due at once.
        const isAlert = (p: { channel: string }) => p.channel === "U0BERTIE1";
        await waitFor("the alert", () => e.slack.posts.some(isAlert));
        await sleep(800); // several more ticks: still one alert
        const alerts = e.slack.posts.filter(isAlert);
        assert.equal(alerts.length, 1, "one alert a day");
        assert.match(alerts[0].text, /^Good afternoon! Berlin, DE: -?\d+°C, feels like -?\d+°C, /);
        assert.equal(alerts[0].thread_ts, undefined, "a direct message, not a thread reply");
        assert.equal(alerts[0].token, BOT_TOKEN, "with the workspace's bot token");
      }));

    test("a reply that can never be posted ends in the dead-letter queue", (t) =>
      withSuite(t, bus, async (e) => {
        // Always failing: Slack answers 500 to every attempt (3), then the reply is dead-lettered.
        e.slack.script({ status: 500 }, { status: 500 }, { status: 500 });
        const failing = mention("help");
        await e.sendEvent(failing);
        await waitFor("the dead letter", async () => (await e.deadLetters("slackbot")) === 1);
        assert.equal(
          e.slack.posts.filter((p) => p.thread_ts === failing.event.ts).length,
          3,
          "tried maxAttempts times",
        );
        // Permanent: channel_not_found is not retried at all.
        e.slack.script({ ok: false, error: "channel_not_found" });
        const lost = mention("help");
        await e.sendEvent(lost);
        await waitFor("the second dead letter", async () => (await e.deadLetters("slackbot")) === 2);
        await sleep(300);
        assert.equal(e.slack.posts.filter((p) => p.thread_ts === lost.event.ts).length, 1, "posted once, not retried");
      }));
  });
}
