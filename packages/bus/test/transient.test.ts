import assert from "node:assert/strict";
import { describe, type TestContext, test } from "node:test";
import amqp from "amqplib";
import { groupQueues, MemoryBus, publishReply, type Reply, subscribeReplies } from "../src/index.ts";
import {
  bytes,
  captureLogger,
  RABBIT_SKIP,
  RABBIT_URL,
  type RabbitHarness,
  rabbitHarness,
  rabbitReachable,
  waitFor,
} from "./helpers.ts";

const REPLY: Reply = {
  reply_to: "m1",
  destination: "local",
  team: "local",
  channel: "c1",
  text: "hello",
  time: "2026-11-28T08:00:01.000Z",
};

/**
 * What another connection finds of a queue (a passive declare on a channel of its own): `missing`
 * (404), `locked` (405: exclusive to another connection) or `open`.
 */
async function queueState(queue: string): Promise<"missing" | "locked" | "open"> {
  const connection = await amqp.connect(RABBIT_URL);
  try {
    const channel = await connection.createChannel();
    channel.on("error", () => {});
    return await channel.checkQueue(queue).then(
      () => "open" as const,
      (error: { code?: number }) => (error.code === 405 ? "locked" : "missing"),
    );
  } finally {
    await connection.close().catch(() => {});
  }
}

async function withRabbit(t: TestContext, body: (h: RabbitHarness) => Promise<void>): Promise<void> {
  if (!(await rabbitReachable())) {
    if (process.env.CI === "true") assert.fail("RabbitMQ not reachable at 127.0.0.1:5672 (CI=true)");
    t.skip(RABBIT_SKIP);
    return;
  }
  const h = await rabbitHarness();
  t.after(() => h.cleanup());
  await body(h);
}

describe("replies to one replica (chat.reply.local.{replica})", () => {
  test("publishReply with a replica routes to chat.reply.local.<replica>; subscribeReplies picks it", async (t) => {
    const bus = new MemoryBus({ logger: captureLogger() });
    t.after(() => bus.close());
    const seen: string[] = [];
    await subscribeReplies(bus, "r1", async (reply, m) => void seen.push(`${m.routingKey} ${reply.text}`), {
      replica: "host-1-0a1b2c3d",
      transient: true,
    });
    const shared: string[] = [];
    await subscribeReplies(bus, "any", async (_reply, m) => void shared.push(m.routingKey));
    await publishReply(bus, REPLY, { replica: "host-1-0a1b2c3d" });
    await publishReply(bus, { ...REPLY, text: "other" }, { replica: "host-2-0a1b2c3d" });
    await publishReply(bus, { ...REPLY, text: "marker" });
    await waitFor("the marker", () => shared.length === 1);
    await waitFor("the replica's reply", () => seen.length === 1);
    assert.deepEqual(seen, ["chat.reply.local.host-1-0a1b2c3d hello"]);
    assert.deepEqual(shared, ["chat.reply.local"], "chat.reply.* does not match a replica's key");
  });

  test("a replica that is not one word, or a replica for Slack, is refused", async (t) => {
    const bus = new MemoryBus({ logger: captureLogger() });
    t.after(() => bus.close());
    await assert.rejects(publishReply(bus, REPLY, { replica: "a.b" }), /invalid replica "a\.b"/);
    await assert.rejects(
      publishReply(bus, { ...REPLY, destination: "slack" }, { replica: "r1" }),
      /a reply to a replica goes to destination local, not "slack"/,
    );
    await assert.rejects(
      subscribeReplies(bus, "g", async () => {}, { replica: "#" }),
      /invalid replica "#"/,
    );
  });
});

describe("transient subscriptions", () => {
  test("in-process: the group is forgotten once its last subscriber leaves (a durable one keeps its queue)", async (t) => {
    const bus = new MemoryBus({ logger: captureLogger() });
    t.after(() => bus.close());
    const transient = await bus.subscribe("t.key", "transient", async () => {}, { transient: true });
    const durable = await bus.subscribe("t.key", "durable", async () => {});
    await transient();
    await durable();
    await bus.publish("t.key", bytes("after"));
    assert.equal(bus.queued("transient"), 0);
    assert.equal(bus.queued("durable"), 1);
  });

  test("refuses a transient that is not a boolean", async (t) => {
    const bus = new MemoryBus({ logger: captureLogger() });
    t.after(() => bus.close());
    await assert.rejects(
      bus.subscribe("t.key", "g", async () => {}, { transient: "yes" as unknown as boolean }),
      /transient must be a boolean/,
    );
  });

  test("RabbitMQ: one exclusive queue, no retry or dead-letter queue; a failure is dropped; gone on unsubscribe", (t) =>
    withRabbit(t, async (h) => {
      const consumer = await h.bus();
      const publisher = await h.bus();
      const group = h.group("replica");
      const seen: string[] = [];
      const stop = await consumer.subscribe(
        "t.key",
        group,
        async (message) => {
          seen.push(new TextDecoder().decode(message.body));
          if (seen.length === 1) throw new Error("first one fails");
        },
        { transient: true },
      );
      await publisher.publish("t.key", bytes("one"));
      await publisher.publish("t.key", bytes("two"));
      await waitFor("both deliveries", () => seen.length === 2);
      assert.deepEqual(seen, ["one", "two"], "the failed one is not retried");
      assert.ok(h.logs.some((line) => line.message === "handler failed on a transient subscription: message dropped"));
      assert.equal(await queueState(groupQueues(group).retry), "missing", "no retry queue");
      assert.equal(await queueState(groupQueues(group).dead), "missing", "no dead-letter queue");
      assert.equal(await queueState(group), "locked", "exclusive to the consumer's connection");
      await stop();
      await waitFor("the queue to be deleted", async () => (await queueState(group)) === "missing");
    }));
});
