import assert from "node:assert/strict";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, test } from "node:test";
import { MemoryBus, publishReply, type Reply, silentLogger } from "@jeeves/bus";
import { essence, SpecIndex } from "@jeeves/codecs";
import { spec } from "@jeeves/generated/specs/slack-web-api";
import { startReplyPoster } from "@jeeves/slackbot";
import {
  LogLevel,
  WebAPIHTTPError,
  WebAPIPlatformError,
  WebAPIRateLimitedError,
  WebClient,
  type WebClientOptions,
} from "@slack/web-api";
import { type RunningMock, startMock } from "../../src/mock/start-mock.ts";
import { EXTERNAL } from "../../src/registry.ts";

const index = new SpecIndex(spec);
// biome-ignore lint/suspicious/noExplicitAny: walks the parsed OpenAPI document
type Node = Record<string, any>;

/** The example Prism answers for an operation's status: the named one, else the first (Prism's choice). */
function exampleOf(operationId: string, status: number, name?: string): Node {
  const operation = index.operation(operationId);
  const paths = index.document.paths as Node;
  const response = paths[operation.path][operation.method.toLowerCase()].responses[status];
  const media = response.content["application/json"] as Node;
  if (media.example !== undefined) return media.example;
  const examples = media.examples as Record<string, { value: Node }>;
  return (name ? examples[name] : Object.values(examples)[0]).value;
}

/** A bot token the mock accepts: Prism checks that a bearer token is there, not what it says. */
const BOT_TOKEN = "xoxb-0000000000-0000000000-contracttestsonly";

let mock: RunningMock;
before(async () => {
  const slack = EXTERNAL.find((d) => d.name === "slack-web-api");
  assert.ok(slack, "slack-web-api is registered as an external document");
  mock = await startMock({ spec: slack.path, validateRequests: true });
});
after(() => mock?.close());

/** What one call of the client put on the wire, and how the mock answered. */
interface Sent {
  url: string;
  contentType: string | null;
  authorization: string | null;
  /** The body's fields (a form's, or a JSON object's). */
  form: Record<string, string>;
  status: number;
  /** Prism's reasons for refusing the request (its 422's `validation`), empty when it took it. */
  violations: string[];
}

/**
 * The @slack/web-api client as the slackbot builds it (`null`: without a token), pointed at the mock
 * (`slackApiUrl` is SLACK_API_URL), recording each request: no retries and no waiting out a 429, so a
 * test never sleeps.
 */
function slackClient(token: string | null = BOT_TOKEN, options: WebClientOptions = {}) {
  const sent: Sent[] = [];
  const client = new WebClient(token ?? undefined, {
    slackApiUrl: `${mock.url}/`,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    logLevel: LogLevel.ERROR,
    ...options,
    fetch: async (url, init) => {
      const request = new Request(url, init as RequestInit);
      const body = await request.clone().text();
      const response = await fetch(request);
      let violations: string[] = [];
      if (response.status === 422) {
        const problem = (await response.clone().json()) as { validation?: Array<{ message: string }> };
        violations = (problem.validation ?? []).map((v) => v.message);
      }
      sent.push({
        url: request.url,
        contentType: request.headers.get("content-type"),
        authorization: request.headers.get("authorization"),
        form: Object.fromEntries(new URLSearchParams(body)),
        status: response.status,
        violations,
      });
      return response;
    },
  });
  return { client, sent };
}

describe("the slackbot's Slack calls through @slack/web-api, against the Slack mock", () => {
  test("chat.postMessage in a thread goes form-encoded with the bot token and gets the spec's ok answer", async () => {
    const { client, sent } = slackClient();
    const result = await client.chat.postMessage({
      channel: "C0123ABCDEF",
      text: "It is 12 °C in Berlin, light rain.",
      thread_ts: "1764316800.000100",
    });
    const [request] = sent;
    assert.equal(request.status, 200, request.violations.join("; "));
    assert.equal(request.url, `${mock.url}/chat.postMessage`);
    assert.equal(essence(request.contentType ?? undefined), "application/x-www-form-urlencoded");
    assert.equal(request.authorization, `Bearer ${BOT_TOKEN}`);
    assert.deepEqual(request.form, {
      channel: "C0123ABCDEF",
      text: "It is 12 °C in Berlin, light rain.",
      thread_ts: "1764316800.000100",
    });
    const posted = exampleOf("chatPostMessage", 200, "posted");
    assert.equal(result.ok, true);
    assert.equal(result.ts, posted.ts);
    assert.equal(result.channel, posted.channel);
    assert.equal(result.message?.thread_ts, "1764316800.000100");
  });

  test("blocks and booleans travel as form fields the spec accepts (blocks JSON-encoded into one)", async () => {
    const { client, sent } = slackClient();
    const blocks = [{ type: "section", text: { type: "mrkdwn", text: "*Berlin*: 12 °C, light rain" } }];
    const result = await client.chat.postMessage({
      channel: "C0123ABCDEF",
      text: "Berlin: 12 °C, light rain",
      blocks,
      unfurl_links: false,
    });
    const [request] = sent;
    assert.equal(request.status, 200, request.violations.join("; "));
    assert.deepEqual(JSON.parse(request.form.blocks), blocks);
    assert.equal(request.form.unfurl_links, "false");
    assert.equal(result.ok, true);
  });

  test("auth.test (an empty form body) answers whose token it is", async () => {
    const { client, sent } = slackClient();
    const result = await client.auth.test();
    const [request] = sent;
    assert.equal(request.status, 200, request.violations.join("; "));
    assert.equal(request.authorization, `Bearer ${BOT_TOKEN}`);
    assert.deepEqual(request.form, {});
    const expected = exampleOf("authTest", 200, "bot_token");
    assert.equal(result.ok, true);
    assert.equal(result.team_id, expected.team_id);
    assert.equal(result.user_id, expected.user_id);
    assert.equal(result.bot_id, expected.bot_id);
  });

  test("oauth.v2.access exchanges an install code with the client id and secret as form fields, no bearer", async () => {
    const { client, sent } = slackClient(null);
    const result = await client.oauth.v2.access({
      client_id: "1234567890.1234567890123",
      client_secret: "client-secret-of-the-tests",
      code: "4724469134.4644010092847.232b4e6d82c3",
      redirect_uri: "https://jeeves.example.org/slack/oauth/callback",
    });
    const [request] = sent;
    assert.equal(request.status, 200, request.violations.join("; "));
    assert.equal(request.authorization, null);
    assert.equal(request.form.code, "4724469134.4644010092847.232b4e6d82c3");
    const installed = exampleOf("oauthV2Access", 200, "installed");
    assert.equal(result.ok, true);
    assert.equal(result.access_token, installed.access_token);
    assert.equal(result.token_type, "bot");
    assert.deepEqual(result.team, installed.team);
  });

  test("an ok:false answer (Prefer: example=channel_not_found) becomes a WebAPIPlatformError with Slack's code", async () => {
    const { client } = slackClient(BOT_TOKEN, { headers: { Prefer: "example=channel_not_found" } });
    await assert.rejects(client.chat.postMessage({ channel: "C0GONE0000", text: "hello?" }), (error: unknown) => {
      assert.ok(error instanceof WebAPIPlatformError);
      assert.equal(error.data.error, exampleOf("chatPostMessage", 200, "channel_not_found").error);
      assert.equal(error.data.error, "channel_not_found");
      return true;
    });
  });

  test("HTTP 429 (Prefer: code=429) becomes a WebAPIRateLimitedError with Retry-After's seconds, once", async () => {
    const { client, sent } = slackClient(BOT_TOKEN, { headers: { Prefer: "code=429" } });
    await assert.rejects(client.chat.postMessage({ channel: "C0123ABCDEF", text: "hi" }), (error: unknown) => {
      assert.ok(error instanceof WebAPIRateLimitedError);
      const header = (index.document.components as Node).headers.RetryAfter;
      assert.equal(error.retryAfter, header.example);
      return true;
    });
    assert.equal(sent.length, 1, "rejectRateLimitedCalls: not retried");
    assert.equal(sent[0].status, 429);
  });

  test("negative control: a chat.postMessage without channel is refused by the mock (422)", async () => {
    const { client, sent } = slackClient();
    await assert.rejects(client.apiCall("chat.postMessage", { text: "to nowhere" }), (error: unknown) => {
      assert.ok(error instanceof WebAPIHTTPError);
      assert.equal(error.statusCode, 422);
      return true;
    });
    assert.equal(sent.length, 1);
    assert.ok(
      sent[0].violations.some((v) => v.includes("'channel'")),
      `the mock names the missing channel: ${sent[0].violations.join("; ")}`,
    );
  });

  test("negative control: a chat.postMessage without a token is refused by the mock (401)", async () => {
    const { client, sent } = slackClient(null);
    await assert.rejects(client.chat.postMessage({ channel: "C0123ABCDEF", text: "hi" }), (error: unknown) => {
      assert.ok(error instanceof WebAPIHTTPError);
      assert.equal(error.statusCode, 401);
      return true;
    });
    assert.equal(sent[0].authorization, null);
  });
});

describe("chat.postMessage as JSON, against the Slack mock", () => {
  const post = (body: unknown) =>
    fetch(`${mock.url}/chat.postMessage`, {
      method: "POST",
      headers: { authorization: `Bearer ${BOT_TOKEN}`, "content-type": "application/json; charset=utf-8" },
      body: JSON.stringify(body),
    });

  test("a thread reply with blocks, as application/json; charset=utf-8, gets the ok answer", async () => {
    const response = await post({
      channel: "C0123ABCDEF",
      text: "Berlin: 12 °C, light rain",
      thread_ts: "1764316800.000100",
      blocks: [{ type: "section", text: { type: "mrkdwn", text: "*Berlin*: 12 °C, light rain" } }],
    });
    assert.equal(response.status, 200, await response.clone().text());
    assert.deepEqual(await response.json(), exampleOf("chatPostMessage", 200, "posted"));
  });

  test("negative control: thread_ts as a number, as JSON, is refused (422)", async () => {
    const response = await post({ channel: "C0123ABCDEF", text: "hi", thread_ts: 1764316800.0001 });
    assert.equal(response.status, 422);
    await response.body?.cancel();
  });
});

/** A recording pass-through in front of the mock, for clients that take no `fetch` (the slackbot's poster). */
/** A request body's fields: a JSON object's (strings only, as the poster sends them), or a form's. */
function fieldsOf(contentType: string | null, text: string): Record<string, string> {
  if (essence(contentType ?? undefined) === "application/json") return JSON.parse(text) as Record<string, string>;
  return Object.fromEntries(new URLSearchParams(text));
}

async function recordingProxy() {
  const sent: Sent[] = [];
  const server = createServer(async (incoming, outgoing) => {
    const chunks: Buffer[] = [];
    for await (const chunk of incoming) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const headers = new Headers();
    for (const [name, value] of Object.entries(incoming.headers)) {
      if (typeof value === "string" && !["host", "connection", "content-length"].includes(name))
        headers.set(name, value);
    }
    const response = await fetch(`${mock.url}${incoming.url}`, { method: incoming.method, headers, body });
    const answer = Buffer.from(await response.arrayBuffer());
    const violations =
      response.status === 422
        ? ((JSON.parse(answer.toString("utf8")) as { validation?: Array<{ message: string }> }).validation ?? []).map(
            (v) => v.message,
          )
        : [];
    sent.push({
      url: `${mock.url}${incoming.url}`,
      contentType: headers.get("content-type"),
      authorization: headers.get("authorization"),
      form: fieldsOf(headers.get("content-type"), body.toString("utf8")),
      status: response.status,
      violations,
    });
    outgoing.writeHead(response.status, { "content-type": response.headers.get("content-type") ?? "application/json" });
    outgoing.end(answer);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    sent,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Resolves once `done()` holds (polling), or fails the test after `timeoutMs` (generous: the machine may be loaded). */
async function until(done: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe("the slackbot's reply poster (startReplyPoster), against the Slack mock", () => {
  /**
   * Runs the slackbot's own poster on a MemoryBus, with the workspace's bot token, against the mock
   * (through the recording proxy: its Slack client takes no fetch), publishes `reply` and waits until it
   * was posted or dead-lettered (one attempt: no retries).
   */
  async function post(reply: Reply) {
    const proxy = await recordingProxy();
    const bus = new MemoryBus({ logger: silentLogger });
    const posted: Array<Record<string, unknown>> = [];
    const log = {
      info: (fields: Record<string, unknown>, message: string) => {
        if (message === "reply posted to Slack") posted.push(fields);
      },
      warn: () => {},
      error: () => {},
    };
    const stop = await startReplyPoster({
      bus,
      workspaces: { botToken: async () => BOT_TOKEN, forget() {}, remove: async () => true },
      slackApiUrl: proxy.url,
      log,
      retry: { maxAttempts: 1 },
    });
    try {
      await publishReply(bus, reply);
      await until(() => posted.length + bus.deadLetters.length > 0, "the reply to be posted or dead-lettered");
      return { sent: proxy.sent, posted, deadLetters: bus.deadLetters };
    } finally {
      await stop();
      await bus.close();
      await proxy.close();
    }
  }

  const REPLY: Reply = {
    reply_to: "Ev0123ABCD",
    destination: "slack",
    team: "T0123ABCD",
    channel: "C0123ABCDEF",
    thread: "1764316800.000100",
    text: "It is 12 °C in Berlin, light rain.",
    time: "2026-11-28T08:00:01.000Z",
  };

  test("a reply in a channel thread goes as a chat.postMessage the spec takes, with the bot token", async () => {
    const { sent, posted, deadLetters } = await post(REPLY);
    assert.equal(sent.length, 1);
    const [request] = sent;
    assert.equal(request.status, 200, request.violations.join("; "));
    assert.deepEqual(request.violations, []);
    assert.equal(request.url, `${mock.url}/chat.postMessage`);
    // JSON (one of the two bodies the spec takes): the poster does not go through @slack/web-api's form encoding.
    assert.equal(essence(request.contentType ?? undefined), "application/json");
    assert.equal(request.authorization, `Bearer ${BOT_TOKEN}`);
    assert.deepEqual(request.form, { channel: REPLY.channel, text: REPLY.text, thread_ts: REPLY.thread });
    assert.deepEqual(deadLetters, []);
    assert.equal(posted[0]?.ts, exampleOf("chatPostMessage", 200, "posted").ts, "the poster read Slack's answer");
  });

  test("a direct message (reply.user, no thread) goes to the user, in a request the spec takes", async () => {
    const { thread: _thread, ...unthreaded } = REPLY;
    const { sent, posted } = await post({ ...unthreaded, channel: "D0123DIRECT", user: "U0456EFGH" });
    const [request] = sent;
    assert.equal(request.status, 200, request.violations.join("; "));
    assert.deepEqual(request.form, { channel: "U0456EFGH", text: REPLY.text });
    assert.equal(posted.length, 1);
  });

  test("negative control: a reply whose thread is not a Slack ts is refused by the mock (422) and dead-lettered", async () => {
    const { sent, posted, deadLetters } = await post({ ...REPLY, thread: "yesterday" });
    assert.equal(sent.length, 1);
    assert.equal(sent[0].status, 422);
    assert.ok(
      sent[0].violations.some((v) => v.includes("pattern")),
      `the mock names the broken thread_ts: ${sent[0].violations.join("; ")}`,
    );
    assert.equal(posted.length, 0);
    assert.equal(deadLetters.length, 1);
  });
});
