import assert from "node:assert/strict";
import type { TestContext } from "node:test";
import { describe, it } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { MemoryBus, publishChatMessage, type Reply, silentLogger, subscribeReplies } from "@jeeves/bus";
import { createMemoryOnceStore, type OnceStore } from "@jeeves/service-kit";
import { identityOf, startChatConsumer } from "../../src/adapters/chat-consumer.ts";
import { ACCOUNT_GONE_REPLY } from "../../src/domain/chat-user.ts";
import { FAILURE_REPLY, RECORDS_UNAVAILABLE_REPLY } from "../../src/domain/run-command.ts";
import { chatMessage, MemoryRecords } from "../../testing/index.ts";
import { recordingLogger, waitFor } from "../helper.ts";

const NOW = new Date("2026-11-28T08:00:01.000Z");

/** A MemoryBus with the consumer on it and every reply collected with its routing key. */
async function setup(t: TestContext, records = new MemoryRecords(), maxAttempts = 3, answered?: OnceStore) {
  const bus = new MemoryBus({ logger: silentLogger });
  const logger = recordingLogger();
  const replies: { routingKey: string; reply: Reply }[] = [];
  await subscribeReplies(bus, "test", async (reply, delivery) => {
    replies.push({ routingKey: delivery.routingKey, reply });
  });
  await startChatConsumer({ bus, records, logger, maxAttempts, retryDelayMs: 1, now: () => NOW, answered });
  t.after(() => bus.close());
  return { bus, records, logger, replies };
}

describe("chat consumer", () => {
  it("answers a Slack message once, in its thread, on chat.reply.slack, as plain text (the slackbot escapes)", async (t) => {
    const { bus, replies } = await setup(t);
    const message = chatMessage("config set timezone <hello> & welcome", { thread: "1795833600.000100" });
    await publishChatMessage(bus, message);
    await waitFor(() => replies.length === 1);
    assert.deepEqual(replies[0], {
      routingKey: "chat.reply.slack",
      reply: {
        reply_to: message.message_id,
        destination: "slack",
        team: message.team,
        channel: message.channel,
        thread: "1795833600.000100",
        text: "Sorry, <hello> & welcome is not a time zone I know. Use a name like `Europe/Paris` or `America/New_York`.",
        time: NOW.toISOString(),
      },
    });
  });

  it("runs a local message with person on that person's own user; a person whose user is gone is told so once", async (t) => {
    const { bus, records, replies } = await setup(t);
    const person = records.addUser();
    const local = { source: "local", team: "local", channel: `dashboard-${person}`, user: person, person };
    await publishChatMessage(bus, chatMessage("config set units imperial", local));
    await waitFor(() => replies.length === 1);
    assert.equal(replies[0].reply.text, "units is now imperial.");
    assert.deepEqual(records.settingsById(person), { units: "imperial" });
    assert.equal(records.userCount, 0, "no user found or created by the chat identity");
    records.deleteUser(person);
    await publishChatMessage(bus, chatMessage("config show", local));
    await waitFor(() => replies.length === 2);
    await sleep(20);
    assert.deepEqual(
      replies.map((r) => r.reply.text),
      ["units is now imperial.", ACCOUNT_GONE_REPLY],
    );
    assert.deepEqual(bus.deadLetters, []);
  });

  it("takes person only from a local message (the bus spec says so)", () => {
    const person = "0190b8a2-7c1e-7d4a-9f3e-5b2a1c0d9e8f";
    assert.deepEqual(identityOf(chatMessage("hi", { source: "local", team: "local", user: person, person })), {
      source: "local",
      team: "local",
      user: person,
      person,
    });
    assert.equal(identityOf(chatMessage("hi", { person })).person, undefined, "not from Slack");
    assert.equal(identityOf(chatMessage("hi", { source: "local", team: "local", user: "bertie" })).person, undefined);
  });

  it("answers a local message on chat.reply.local, as plain text and without a thread", async (t) => {
    const { bus, replies } = await setup(t);
    const message = chatMessage("config set", { source: "local", team: "local", channel: "terminal", user: "bertie" });
    await publishChatMessage(bus, message);
    await waitFor(() => replies.length === 1);
    assert.equal(replies[0].routingKey, "chat.reply.local");
    assert.equal(
      replies[0].reply.text,
      "Say which key and value: `config set <key> <value>`, e.g. `config set units metric`.",
    );
    assert.equal(replies[0].reply.channel, "terminal");
    assert.equal("thread" in replies[0].reply, false);
  });

  it("lets the bus retry while the records are unavailable, then answers once when they are back", async (t) => {
    const records = new MemoryRecords();
    const { bus, replies } = await setup(t, records);
    records.unavailable = true;
    const failing = records.findOrCreate.bind(records);
    records.findOrCreate = async (identity) => {
      const result = failing(identity);
      records.unavailable = false; // recovers after the first attempt
      return result;
    };
    await publishChatMessage(bus, chatMessage("config set units metric"));
    await waitFor(() => replies.length === 1);
    await sleep(30);
    assert.equal(replies.length, 1);
    assert.equal(replies[0].reply.text, "units is now metric.");
    assert.deepEqual(bus.deadLetters, []);
  });

  it("answers exactly one apology on the last attempt when the records stay unavailable, and dead-letters nothing", async (t) => {
    const records = new MemoryRecords();
    records.unavailable = true;
    const { bus, replies, logger } = await setup(t, records, 3);
    await publishChatMessage(bus, chatMessage("config show"));
    await waitFor(() => replies.length === 1);
    await sleep(30);
    assert.equal(replies.length, 1);
    assert.equal(replies[0].reply.text, RECORDS_UNAVAILABLE_REPLY);
    assert.equal(records.calls, 3, "one try per attempt");
    assert.deepEqual(bus.deadLetters, []);
    assert.equal(bus.queued("actions"), 0);
    const last = logger.lines.find((line) => line.level === "error");
    assert.match(last?.message ?? "", /last attempt/);
  });

  it("apologises differently on the last attempt after an unexpected error", async (t) => {
    const records = new MemoryRecords();
    records.listSettings = async () => {
      throw new TypeError("boom");
    };
    const { bus, replies } = await setup(t, records, 2);
    await publishChatMessage(bus, chatMessage("config show"));
    await waitFor(() => replies.length === 1);
    await sleep(30);
    assert.deepEqual(
      replies.map((r) => r.reply.text),
      [FAILURE_REPLY],
    );
  });

  it("answers a message delivered twice once: the second delivery is dropped", async (t) => {
    const { bus, records, replies, logger } = await setup(t);
    const message = chatMessage("config set units metric");
    await publishChatMessage(bus, message);
    await waitFor(() => replies.length === 1);
    await publishChatMessage(bus, message);
    await waitFor(() => logger.lines.some((line) => line.message === "message already answered: dropped"));
    assert.deepEqual(
      replies.map((r) => [r.reply.reply_to, r.reply.text]),
      [[message.message_id, "units is now metric."]],
    );
    assert.deepEqual(records.settingsOf({ source: "slack", team: message.team, user: message.user }), {
      units: "metric",
    });
  });

  it("answers a message whose first delivery died before replying, once that delivery's claim expires", async (t) => {
    // A replica took the message and died before publishing the reply: its claim stays until the lease ends.
    const answered = createMemoryOnceStore({ leaseMs: 200, doneMs: 60_000 });
    const { bus, replies, logger } = await setup(t, new MemoryRecords(), 3, answered);
    const message = chatMessage("config set units metric");
    const dead = await answered.claim(`slack:${message.message_id}`);
    assert.equal(dead.status, "claimed");
    await publishChatMessage(bus, message);
    await waitFor(() => replies.length === 1);
    assert.equal(replies[0].reply.reply_to, message.message_id);
    assert.equal(replies[0].reply.text, "units is now metric.");
    assert.equal(logger.lines.filter((line) => line.message === "replied").length, 1);
  });

  it("answers a local message naming its slackbot replica on chat.reply.local.<replica>", async (t) => {
    const { bus, replies } = await setup(t);
    const seen: string[] = [];
    await subscribeReplies(
      bus,
      "replica-r1",
      async (_reply, delivery) => {
        seen.push(delivery.routingKey);
      },
      { replica: "host-1-0a1b2c3d", transient: true },
    );
    const message = chatMessage("help", { source: "local", team: "local", reply_replica: "host-1-0a1b2c3d" });
    await publishChatMessage(bus, message);
    await waitFor(() => seen.length === 1);
    assert.deepEqual(seen, ["chat.reply.local.host-1-0a1b2c3d"]);
    assert.equal(replies.length, 0, "not on chat.reply.local, where any replica would take it");
    // A replica that is not one word, or on a Slack message, is ignored: the answer goes the usual way.
    await publishChatMessage(bus, chatMessage("help", { source: "local", team: "local", reply_replica: "a.b" }));
    await publishChatMessage(bus, chatMessage("help", { reply_replica: "host-1-0a1b2c3d" }));
    await waitFor(() => replies.length === 2);
    assert.deepEqual(replies.map((r) => r.routingKey).sort(), ["chat.reply.local", "chat.reply.slack"]);
    assert.equal(seen.length, 1);
  });

  it("never logs what people wrote (values, places, unknown text)", async (t) => {
    const records = new MemoryRecords();
    const { bus, replies, logger } = await setup(t, records, 2);
    await publishChatMessage(bus, chatMessage("config set token hunter2-secret"));
    await publishChatMessage(bus, chatMessage("location set Blandings Castle"));
    await publishChatMessage(bus, chatMessage("my password is hunter2-secret"));
    await waitFor(() => replies.length === 3);
    records.unavailable = true;
    await publishChatMessage(bus, chatMessage("config set token hunter2-secret"));
    await waitFor(() => replies.length === 4);
    const logged = JSON.stringify(logger.lines);
    assert.doesNotMatch(logged, /hunter2|Blandings|password/);
    assert.match(logged, /config-set key=token value=<redacted>/);
  });
});
