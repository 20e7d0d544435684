import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { describe, type TestContext, test } from "node:test";
import {
  type Bus,
  type ChatMessage,
  MemoryBus,
  publishReply,
  RabbitBus,
  silentLogger,
  subscribeChatMessages,
} from "@jeeves/bus";
import { LOCAL_CHAT_GROUP, newReplicaId, replicaChatGroup, startLocalChat } from "../../src/adapters/local-chat.ts";
import { build, sharedServices } from "../helper.ts";

const RABBIT_URL = process.env.BUS_TEST_RABBIT_URL ?? "amqp://guest:guest@127.0.0.1:5672";

const quiet = { info: () => {} };

function localMessage(text: string): ChatMessage {
  return {
    message_id: randomUUID(),
    source: "local",
    team: "local",
    channel: "local-bertie",
    user: "bertie",
    text,
    time: new Date().toISOString(),
  };
}

/**
 * A stand-in for the actions service: answers every local message with an echo, to the replica it
 * names (`legacy`: on chat.reply.local, as an actions service that predates `reply_replica`).
 */
async function echoActions(bus: Bus, options: { legacy?: boolean } = {}): Promise<ChatMessage[]> {
  const seen: ChatMessage[] = [];
  await subscribeChatMessages(
    bus,
    "actions",
    async (message) => {
      seen.push(message);
      const reply = {
        reply_to: message.message_id,
        destination: "local",
        team: message.team,
        channel: message.channel,
        text: `you said: ${message.text}`,
        time: new Date().toISOString(),
      };
      await publishReply(bus, reply, { replica: options.legacy ? undefined : message.reply_replica });
    },
    { source: "local" },
  );
  return seen;
}

describe("newReplicaId", () => {
  test("the host's name made one word, and 8 random hex digits", () => {
    assert.match(newReplicaId("pod-7.example.internal"), /^pod-7-example-internal-[0-9a-f]{8}$/);
    assert.match(newReplicaId(""), /^slackbot-[0-9a-f]{8}$/);
    assert.notEqual(newReplicaId("h"), newReplicaId("h"));
    assert.equal(replicaChatGroup("r1"), `${LOCAL_CHAT_GROUP}.r1`);
  });
});

describe("local chat replicas (in-process bus)", () => {
  test("each replica gets the answers to its own messages, named in reply_replica", async (t) => {
    const bus = new MemoryBus({ logger: silentLogger });
    t.after(() => bus.close());
    const seen = await echoActions(bus);
    const a = await startLocalChat(bus, quiet, "replica-a");
    const b = await startLocalChat(bus, quiet, "replica-b");
    t.after(async () => {
      await a.stop();
      await b.stop();
    });
    const answers = await Promise.all([
      a.ask(localMessage("one"), 10_000),
      b.ask(localMessage("two"), 10_000),
      b.ask(localMessage("three"), 10_000),
    ]);
    assert.deepEqual(
      answers.map((reply) => reply.text),
      ["you said: one", "you said: two", "you said: three"],
    );
    assert.deepEqual(seen.map((message) => message.reply_replica).sort(), ["replica-a", "replica-b", "replica-b"]);
  });

  test("an answer on chat.reply.local (an older actions service) still reaches the waiting replica here", async (t) => {
    const bus = new MemoryBus({ logger: silentLogger });
    t.after(() => bus.close());
    await echoActions(bus, { legacy: true });
    const chat = await startLocalChat(bus, quiet, "replica-a");
    t.after(() => chat.stop());
    assert.equal((await chat.ask(localMessage("hello"), 10_000)).text, "you said: hello");
  });

  test("stop() leaves nothing subscribed: the replica's transient group is forgotten", async (t) => {
    const bus = new MemoryBus({ logger: silentLogger });
    t.after(() => bus.close());
    const chat = await startLocalChat(bus, quiet, "replica-gone");
    await chat.stop();
    await publishReply(
      bus,
      { reply_to: "x", destination: "local", team: "local", channel: "c", text: "late", time: "now" },
      { replica: "replica-gone" },
    );
    assert.equal(bus.queued(replicaChatGroup("replica-gone")), 0, "nothing kept for a replica that left");
  });
});

/** A RabbitMQ bus of its own connection (another process), on this test's exchange and queues; undefined when RabbitMQ is not there. */
async function rabbitBuses(t: TestContext, count: number): Promise<RabbitBus[] | undefined> {
  const run = `test-${randomUUID().slice(0, 8)}`;
  const connect = () =>
    RabbitBus.connect({ url: RABBIT_URL, exchange: `${run}.jeeves`, queuePrefix: `${run}.`, logger: silentLogger });
  let first: RabbitBus;
  try {
    first = await connect();
  } catch {
    if (process.env.CI === "true")
      assert.fail("RabbitMQ not reachable at 127.0.0.1:5672 (CI=true: this test must run)");
    t.skip("RabbitMQ not reachable at 127.0.0.1:5672: skipped");
    return undefined;
  }
  const buses = [first];
  for (let i = 1; i < count; i++) buses.push(await connect());
  // Runs after the apps' own cleanups (registered later, run first): delete what the test declared.
  t.after(async () => {
    const channel = await first.connection?.createChannel();
    if (channel) {
      for (const group of ["actions", "slackbot", LOCAL_CHAT_GROUP]) {
        for (const suffix of ["", ".retry", ".dead"]) await channel.deleteQueue(`${run}.${group}${suffix}`);
      }
      await channel.deleteExchange(`${run}.jeeves`);
      await channel.close();
    }
    await Promise.all(buses.map((bus) => bus.close()));
  });
  return buses;
}

describe("POST /chat on two slackbot replicas over RabbitMQ", () => {
  test("the answer to replica B's request reaches B (and A's reaches A), never the other", async (t) => {
    const buses = await rabbitBuses(t, 3);
    if (!buses) return;
    const [busA, busB, busActions] = buses;
    const seen = await echoActions(busActions);
    const a = await build(t, { bus: busA, chatReplyTimeoutMs: 10_000 });
    const b = await build(t, { bus: busB, chatReplyTimeoutMs: 10_000 });
    assert.notEqual(a.app.localChat.replicaId, b.app.localChat.replicaId);
    const { chatToken } = await sharedServices();
    const ask = (bot: typeof a, text: string) =>
      bot.app.inject({
        method: "POST",
        url: "/chat",
        headers: { authorization: `Bearer ${chatToken}` },
        payload: { text },
      });
    // With one shared reply queue about half of these would go to the replica not waiting (504).
    const bots = [b, a, b, a, b, b, a, b];
    const answers = await Promise.all(bots.map((bot, i) => ask(bot, `message ${i}`)));
    answers.forEach((answer, i) => {
      assert.equal(answer.statusCode, 200, `message ${i}: ${answer.body}`);
      assert.equal(answer.json().text, `you said: message ${i}`);
    });
    const replicaOf = new Map(seen.map((message) => [message.text, message.reply_replica]));
    bots.forEach((bot, i) => {
      assert.equal(replicaOf.get(`message ${i}`), bot.app.localChat.replicaId, `message ${i} names its replica`);
    });
  });
});
