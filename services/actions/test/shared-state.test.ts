import assert from "node:assert/strict";
import { Writable } from "node:stream";
import { after, describe, type TestContext, test } from "node:test";
import { MemoryBus, publishChatMessage, type Reply, silentLogger, subscribeReplies } from "@jeeves/bus";
import { closeRedis, connectRedis } from "@jeeves/service-kit";
import { deleteRedisKeys, redisReachable, redisTestPrefix, requireRedis, TEST_REDIS_URL } from "@jeeves/testing";
import { chatMessage, MemoryRecords, startTestActions } from "../testing/index.ts";
import { waitFor } from "./helper.ts";

// Two actions replicas consuming one group: a message redelivered (its first replica died after
// replying, before its ack) lands on the other replica, which must not answer it again.

const prefix = redisTestPrefix("actions");

after(async () => {
  if (!(await redisReachable())) return;
  const redis = await connectRedis(TEST_REDIS_URL, { warn: () => {}, info: () => {} });
  await deleteRedisKeys(redis, prefix);
  await closeRedis(redis);
});

/** Two actions apps on one bus (group `actions`, round robin), with Redis or not, and every reply and log line. */
async function twoReplicas(t: TestContext, redis: boolean) {
  const bus = new MemoryBus({ logger: silentLogger });
  t.after(() => bus.close());
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  const replies: Reply[] = [];
  await subscribeReplies(bus, "spy", async (reply) => {
    replies.push(reply);
  });
  const records = new MemoryRecords();
  const shared = {
    bus,
    records,
    logger: { level: "info", stream },
    ...(redis ? { redisUrl: TEST_REDIS_URL, redisKeyPrefix: prefix } : {}),
  };
  for (let i = 0; i < 2; i++) {
    const actions = await startTestActions(shared);
    t.after(() => actions.close());
  }
  const dropped = () => lines.filter((line) => line.includes("message already answered: dropped")).length;
  return { bus, replies, dropped };
}

describe("actions replicas sharing Redis", () => {
  test("the same ChatMessage delivered twice (once to each replica) is answered once", async (t) => {
    if (!(await requireRedis(t))) return;
    const { bus, replies, dropped } = await twoReplicas(t, true);
    const message = chatMessage("config set units metric");
    await publishChatMessage(bus, message);
    await waitFor(() => replies.length === 1);
    await publishChatMessage(bus, message);
    await waitFor(() => dropped() === 1);
    assert.deepEqual(
      replies.map((reply) => [reply.reply_to, reply.text]),
      [[message.message_id, "units is now metric."]],
    );
    // Other messages are answered as usual.
    await publishChatMessage(bus, chatMessage("help"));
    await publishChatMessage(bus, chatMessage("help"));
    await waitFor(() => replies.length === 3);
  });

  test("without Redis each replica remembers only what it answered (why REDIS_URL is needed)", async (t) => {
    const { bus, replies } = await twoReplicas(t, false);
    const message = chatMessage("help");
    await publishChatMessage(bus, message);
    await waitFor(() => replies.length === 1);
    await publishChatMessage(bus, message);
    await waitFor(() => replies.length === 2);
  });
});
