import assert from "node:assert/strict";
import { test } from "node:test";
import { createBus, publishReply, silentLogger } from "@jeeves/bus";
import { startReplyPoster } from "@jeeves/slackbot";
import { startSlackMock } from "../../src/slack/slack-mock.ts";

test("the mock records chat.postMessage (form-encoded, as @slack/web-api sends it) and answers ok", async (t) => {
  const mock = await startSlackMock();
  t.after(() => mock.close());
  const response = await fetch(`${mock.url}chat.postMessage`, {
    method: "POST",
    headers: { authorization: "Bearer xoxb-test", "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ channel: "C0BENCH001", text: "Here is what I can do", thread_ts: "1764316800.000001" }),
  });
  const body = (await response.json()) as { ok: boolean; channel: string; ts: string; message: { thread_ts: string } };
  assert.equal(response.status, 200);
  assert.equal(body.ok, true);
  assert.equal(body.channel, "C0BENCH001");
  assert.equal(typeof body.ts, "string");
  assert.equal(body.message.thread_ts, "1764316800.000001");
  assert.equal(mock.posts.length, 1);
  const [post] = mock.posts;
  assert.equal(post.text, "Here is what I can do");
  assert.equal(post.threadTs, "1764316800.000001");
  assert.equal(typeof post.at, "number");
  assert.equal(mock.byThread.get("1764316800.000001"), post);
});

test("the mock answers JSON posts too, refuses other methods, and forgets on clear", async (t) => {
  const mock = await startSlackMock();
  t.after(() => mock.close());
  const json = await fetch(`${mock.url}chat.postMessage`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ channel: "D0DM", text: "hello" }),
  });
  assert.equal(((await json.json()) as { ok: boolean }).ok, true);
  const other = await fetch(`${mock.url}auth.test`, { method: "POST", body: "" });
  assert.deepEqual(await other.json(), { ok: false, error: "unknown_method" });
  assert.equal(mock.posts.length, 1);
  mock.clear();
  assert.equal(mock.posts.length, 0);
  assert.equal(mock.byThread.size, 0);
});

test("waitUntil resolves on the post that makes the check hold, and false at its bound", async (t) => {
  const mock = await startSlackMock();
  t.after(() => mock.close());
  const waiting = mock.waitUntil(() => mock.byThread.has("1.000002"), 10_000);
  await fetch(`${mock.url}chat.postMessage`, {
    method: "POST",
    body: new URLSearchParams({ channel: "C1", text: "a", thread_ts: "1.000002" }),
  });
  assert.equal(await waiting, true);
  assert.equal(await mock.waitUntil(() => mock.posts.length > 5, 10), false);
});

test("the slackbot's reply poster (@slack/web-api) posts to the mock and accepts its answer", async (t) => {
  const mock = await startSlackMock();
  const bus = await createBus({ logger: silentLogger });
  const warnings: string[] = [];
  const log = {
    info: () => {},
    warn: (_fields: unknown, message: string) => warnings.push(message),
    error: (_fields: unknown, message: string) => warnings.push(message),
  };
  const stop = await startReplyPoster({
    bus,
    slackApiUrl: mock.url,
    log,
    workspaces: { botToken: async () => "xoxb-test", forget: () => {}, remove: async () => false },
    retry: { maxAttempts: 1 },
  });
  t.after(async () => {
    await stop();
    await bus.close();
    await mock.close();
  });
  await publishReply(bus, {
    reply_to: "Ev0BTEST0001",
    destination: "slack",
    team: "T0BENCH001",
    channel: "C0BENCH001",
    thread: "1764316800.000001",
    text: "a & b",
    time: new Date(0).toISOString(),
  });
  assert.equal(await mock.waitUntil(() => mock.byThread.has("1764316800.000001"), 10_000), true);
  assert.equal(mock.byThread.get("1764316800.000001")?.text, "a &amp; b");
  assert.equal(mock.byThread.get("1764316800.000001")?.channel, "C0BENCH001");
  assert.equal((bus as unknown as { deadLetters: unknown[] }).deadLetters.length, 0);
  assert.deepEqual(warnings, []);
});
