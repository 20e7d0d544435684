import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { once } from "node:events";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { WebAPIHTTPError, WebAPIPlatformError, WebAPIRateLimitedError, WebAPIRequestError } from "@slack/web-api";
import { createSlackPoster } from "../../src/adapters/slack-client.ts";
import { slackOutcome } from "../../src/adapters/slack-metrics.ts";
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

  it("rejects a Slack it cannot reach with a request error (retried by the bus), counted as an error", async () => {
    const server = createServer();
    server.listen(0, "127.0.0.1");
    await once(server, "listening");
    const { port } = server.address() as AddressInfo;
    await new Promise((resolve) => server.close(resolve));
    const failure = await poster(`http://127.0.0.1:${port}/api/`)({ channel: "C1", text: "hi" }).catch(
      (e: unknown) => e,
    );
    assert.ok(failure instanceof WebAPIRequestError);
    assert.equal(slackOutcome(failure), "error");
  });

  it("gives up on a Slack that does not answer in time: a request error, counted as a timeout", async (t) => {
    // Takes the post and never answers.
    const server = createServer(() => {});
    server.listen(0, "127.0.0.1");
    await once(server, "listening");
    t.after(() => server.close());
    t.after(() => server.closeAllConnections());
    const { port } = server.address() as AddressInfo;
    const post = createSlackPoster({ slackApiUrl: `http://127.0.0.1:${port}/api/`, log: quiet, timeoutMs: 50 });
    const failure = await post("xoxb-1", { channel: "C1", text: "hi" }).catch((e: unknown) => e);
    assert.ok(failure instanceof WebAPIRequestError);
    assert.equal(slackOutcome(failure), "timeout");
  });

  it("logs the warnings Slack answers along with a post, without the token", async (t) => {
    const server = createServer((request, response) => {
      request.resume();
      request.on("end", () => {
        response.writeHead(200, { "content-type": "application/json" });
        response.end(JSON.stringify({ ok: true, ts: "1.5", response_metadata: { warnings: ["superfluous_charset"] } }));
      });
    });
    server.listen(0, "127.0.0.1");
    await once(server, "listening");
    t.after(() => server.close());
    const { port } = server.address() as AddressInfo;
    const lines: string[] = [];
    const log = {
      warn: (fields: object, message: string) => lines.push(`${message} ${JSON.stringify(fields)}`),
      error: () => {},
    };
    const ts = await createSlackPoster({ slackApiUrl: `http://127.0.0.1:${port}/api/`, log })("xoxb-secret-1", {
      channel: "C1",
      text: "hi",
    });
    assert.equal(ts, "1.5");
    assert.equal(lines.length, 1);
    assert.match(lines[0], /superfluous_charset/);
    assert.doesNotMatch(lines[0], /xoxb-secret-1/);
  });
});
