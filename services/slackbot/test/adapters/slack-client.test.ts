import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { WebAPIHTTPError, WebAPIPlatformError, WebAPIRateLimitedError } from "@slack/web-api";
import { createSlackPoster } from "../../src/adapters/slack-client.ts";
import { startFakeSlack } from "../../testing/index.ts";

const quiet = { warn: () => {}, error: () => {} };

/** A poster with a client of its own, posting with `token`. */
function poster(slackApiUrl: string, token = "xoxb-1") {
  const post = createSlackPoster({ slackApiUrl, log: quiet });
  return (message: Parameters<typeof post>[1]) => post(token, message);
}

describe("createSlackPoster against the fake Slack", () => {
  it("sends the token as a bearer header, the thread, and answers the message ts", async (t) => {
    const slack = await startFakeSlack();
    t.after(() => slack.close());
    assert.ok(slack.url.endsWith("/"));
    const ts = await poster(slack.url)({ channel: "C1", text: "hello", threadTs: "1.2" });
    assert.equal(ts, slack.posts[0].ts);
    assert.deepEqual(
      { ...slack.posts[0], at: 0 },
      { token: "xoxb-1", channel: "C1", text: "hello", thread_ts: "1.2", at: 0, status: 200, ts },
    );
  });

  it("rejects ok: false (HTTP 200) with a platform error, 429 with a rate-limit error, 500 with an HTTP error, once each", async (t) => {
    const slack = await startFakeSlack();
    t.after(() => slack.close());
    slack.script({ ok: false, error: "not_in_channel" }, { status: 429, retryAfter: 30 }, { status: 500 });
    const postOne = poster(slack.url);
    const post = () => postOne({ channel: "C1", text: "hi" });
    await assert.rejects(post(), (e: unknown) => e instanceof WebAPIPlatformError && e.data.error === "not_in_channel");
    await assert.rejects(post(), (e: unknown) => e instanceof WebAPIRateLimitedError && e.retryAfter === 30);
    await assert.rejects(post(), (e: unknown) => e instanceof WebAPIHTTPError && e.statusCode === 500);
    assert.equal(slack.posts.length, 3, "the SDK retried nothing");
    assert.ok(await post(), "then ok again");
  });
});
