import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { Writable } from "node:stream";
import { describe, it } from "node:test";
import { PermanentError, publishReply, type Reply, RetryLaterError } from "@jeeves/bus";
import { WebAPIHTTPError, WebAPIPlatformError, WebAPIRateLimitedError } from "@slack/web-api";
import { toBusFailure } from "../../src/adapters/reply-poster.ts";
import { UnknownWorkspaceError } from "../../src/adapters/workspace-tokens.ts";
import { BOT_TOKEN, build, eventually, installWorkspace, settle, TEAM } from "../helper.ts";

function reply(overrides: Partial<Reply> = {}): Reply {
  return {
    reply_to: `Ev${randomUUID()}`,
    destination: "slack",
    team: TEAM,
    channel: "C0123CHAN",
    thread: "1764316800.000100",
    text: "Paris: 18 °C, light rain.",
    time: new Date().toISOString(),
    ...overrides,
  };
}

describe("reply poster (chat.reply.slack → chat.postMessage)", () => {
  it("posts in the thread with the workspace's bot token from the dataservice", async (t) => {
    const { bus, slack } = await build(t);
    await publishReply(bus, reply());
    const [post] = await slack.waitForPosts(1);
    assert.equal(post.token, BOT_TOKEN);
    assert.equal(post.channel, "C0123CHAN");
    assert.equal(post.thread_ts, "1764316800.000100");
    assert.equal(post.text, "Paris: 18 °C, light rain.");
  });

  it("escapes the reply's plain text for Slack (&, <, >) when it posts it", async (t) => {
    const { bus, slack } = await build(t);
    await publishReply(bus, reply({ text: "a < b & c" }));
    const [post] = await slack.waitForPosts(1);
    assert.equal(post.text, "a &lt; b &amp; c");
  });

  it("writes to the user instead of the channel when the reply names one (a direct message)", async (t) => {
    const { bus, slack } = await build(t);
    await publishReply(bus, reply({ user: "U0456EFGH", thread: undefined }));
    const [post] = await slack.waitForPosts(1);
    assert.equal(post.channel, "U0456EFGH");
    assert.equal(post.thread_ts, undefined);
  });

  it("dead-letters a reply Slack refuses for good (ok: false under HTTP 200) after one attempt", async (t) => {
    const { bus, slack } = await build(t, { poster: { maxAttempts: 5, retryDelayMs: 10 } });
    slack.script({ ok: false, error: "channel_not_found" });
    await publishReply(bus, reply());
    await eventually(() => bus.deadLetters.length === 1, 15_000, "the dead letter");
    await settle(100);
    assert.equal(slack.posts.length, 1, "no retry");
    assert.equal(bus.deadLetters[0].group, "slackbot");
    assert.equal(bus.deadLetters[0].attempts, 1);
    assert.match(bus.deadLetters[0].error, /channel_not_found/);
  });

  it("dead-letters a reply to a workspace the dataservice does not know, without calling Slack", async (t) => {
    const { bus, slack } = await build(t, { poster: { maxAttempts: 5, retryDelayMs: 10 } });
    await publishReply(bus, reply({ team: "T0NOTINSTALLED" }));
    await eventually(() => bus.deadLetters.length === 1, 15_000, "the dead letter");
    assert.equal(bus.deadLetters[0].attempts, 1);
    assert.equal(slack.posts.length, 0);
  });

  it("waits out Slack's Retry-After on a 429, then posts", async (t) => {
    const { bus, slack } = await build(t, { poster: { maxAttempts: 3, retryDelayMs: 10 } });
    slack.script({ status: 429, retryAfter: 1 });
    await publishReply(bus, reply());
    const [limited, posted] = await slack.waitForPosts(2);
    assert.equal(limited.status, 429);
    assert.equal(posted.status, 200);
    assert.ok(posted.at - limited.at >= 950, `waited ${posted.at - limited.at} ms, Retry-After was 1 s`);
    assert.equal(bus.deadLetters.length, 0);
  });

  it("retries a 500 and posts", async (t) => {
    const { bus, slack } = await build(t, { poster: { maxAttempts: 3, retryDelayMs: 10 } });
    slack.script({ status: 500 }, { ok: false, error: "internal_error" });
    await publishReply(bus, reply());
    const posts = await slack.waitForPosts(3);
    assert.deepEqual(
      posts.map((post) => post.status),
      [500, 200, 200],
    );
    assert.ok(posts[2].ts, "the third attempt was posted");
    assert.equal(bus.deadLetters.length, 0);
  });

  it("posts a reply once when the bus delivers it twice", async (t) => {
    const { bus, slack } = await build(t);
    const once = reply();
    await publishReply(bus, once);
    await slack.waitForPosts(1);
    await publishReply(bus, once);
    await settle(100);
    assert.equal(slack.posts.length, 1);
  });

  it("posts a reply whose first attempt failed when it comes again (it is remembered only once posted)", async (t) => {
    const { bus, slack } = await build(t, { poster: { maxAttempts: 1, retryDelayMs: 10 } });
    slack.script({ status: 503 });
    const again = reply();
    await publishReply(bus, again);
    await eventually(() => bus.deadLetters.length === 1, 15_000, "the dead letter");
    await publishReply(bus, again);
    const posts = await slack.waitForPosts(2);
    assert.equal(posts[1].status, 200);
  });

  it("asks the dataservice again when Slack refuses a cached token, and posts with the new one", async (t) => {
    const team = "T0REINSTALL";
    await installWorkspace(team, "xoxb-old");
    const { bus, slack } = await build(t);
    await publishReply(bus, reply({ team }));
    await slack.waitForPosts(1);
    await installWorkspace(team, "xoxb-new");
    slack.script({ ok: false, error: "invalid_auth" });
    await publishReply(bus, reply({ team }));
    const posts = await slack.waitForPosts(3);
    assert.deepEqual(
      posts.map((post) => [post.token, post.status, post.ts !== undefined]),
      [
        ["xoxb-old", 200, true],
        ["xoxb-old", 200, false],
        ["xoxb-new", 200, true],
      ],
    );
    assert.equal(bus.deadLetters.length, 0);
  });
});

describe("reply poster logs", () => {
  it("never contain a bot token or the signing secret, even at trace level and when Slack refuses", async (t) => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const { bus, slack, signingSecret } = await build(t, { logger: { level: "trace", stream } });
    slack.script({ ok: false, error: "invalid_auth" }, { status: 429, retryAfter: 0 });
    await publishReply(bus, reply());
    await publishReply(bus, reply());
    await slack.waitForPosts(3);
    // The line is written once Slack's answer is read, after the fake counted the post: wait for it.
    await eventually(() => lines.some((line) => line.includes("reply posted to Slack")), 15_000, "the posted line");
    const leaks = lines.filter(
      (line) => line.includes(BOT_TOKEN) || line.includes("xoxb-") || line.includes(signingSecret),
    );
    assert.deepEqual(leaks, []);
  });
});

describe("toBusFailure", () => {
  const cases: Array<[string, unknown, (error: Error) => boolean]> = [
    [
      "429 → retry after Retry-After",
      new WebAPIRateLimitedError(7),
      (e) => e instanceof RetryLaterError && e.delayMs === 7000,
    ],
    [
      "channel_not_found → permanent",
      new WebAPIPlatformError({ ok: false, error: "channel_not_found" }),
      (e) => e instanceof PermanentError && /channel_not_found/.test(e.message),
    ],
    [
      "invalid_auth → permanent",
      new WebAPIPlatformError({ ok: false, error: "invalid_auth" }),
      (e) => e instanceof PermanentError,
    ],
    [
      "internal_error → retried",
      new WebAPIPlatformError({ ok: false, error: "internal_error" }),
      (e) => !(e instanceof PermanentError) && !(e instanceof RetryLaterError),
    ],
    [
      "HTTP 502 → retried",
      new WebAPIHTTPError(502, "Bad Gateway", {}, ""),
      (e) => !(e instanceof PermanentError) && /502/.test(e.message),
    ],
    ["unknown workspace → permanent", new UnknownWorkspaceError("T0NONE"), (e) => e instanceof PermanentError],
  ];
  for (const [name, error, expected] of cases) {
    it(name, () => {
      const failure = toBusFailure(error);
      assert.ok(expected(failure), `${failure.name}: ${failure.message}`);
    });
  }
});
