import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  type ChatMessage,
  MemoryBus,
  publishChatMessage,
  publishReply,
  type Reply,
  subscribeChatMessages,
  subscribeReplies,
} from "../src/index.ts";
import { captureLogger, waitFor } from "./helpers.ts";

const MESSAGE: ChatMessage = {
  message_id: "Ev1",
  source: "local",
  team: "local",
  channel: "c1",
  user: "u1",
  text: "help",
  time: "2026-11-28T08:00:00.000Z",
};
const REPLY: Reply = {
  reply_to: "Ev1",
  destination: "local",
  team: "local",
  channel: "c1",
  text: "hello",
  time: "2026-11-28T08:00:01.000Z",
};

function memoryBus(t: { after(fn: () => Promise<void>): void }): MemoryBus {
  const bus = new MemoryBus({ logger: captureLogger() });
  t.after(() => bus.close());
  return bus;
}

describe("typed chat messages and replies (channels of specs/asyncapi/bus.yaml)", () => {
  test("a source or destination the channel does not list is refused, naming the channel and parameter", async (t) => {
    const bus = memoryBus(t);
    const seen: string[] = [];
    await bus.subscribe("#", "all", async (m) => {
      seen.push(m.routingKey);
    });
    await assert.rejects(
      publishChatMessage(bus, { ...MESSAGE, source: "email" }),
      /^Error: bus: channel chatMessage \(chat\.message\.\{source\}\) has no source "email"; source is one of slack, local$/,
    );
    await assert.rejects(
      publishReply(bus, { ...REPLY, destination: "email" }),
      /channel chatReply \(chat\.reply\.\{destination\}\) has no destination "email"; destination is one of slack, local/,
    );
    await assert.rejects(
      subscribeChatMessages(bus, "g", async () => {}, { source: "email" }),
      /has no source "email"/,
    );
    await assert.rejects(
      subscribeReplies(bus, "g", async () => {}, { destination: "sms" }),
      /no destination "sms"/,
    );
    await publishReply(bus, REPLY); // a marker: queues are FIFO, so nothing was published before it
    await waitFor("the marker", () => seen.length === 1);
    assert.deepEqual(seen, ["chat.reply.local"]);
  });

  test("a value that is not one word is refused before the enum is consulted", async (t) => {
    const bus = memoryBus(t);
    await assert.rejects(publishChatMessage(bus, { ...MESSAGE, source: "sl.ack" }), /invalid source "sl\.ack"/);
    await assert.rejects(publishReply(bus, { ...REPLY, destination: "*" }), /invalid destination "\*"/);
    await assert.rejects(
      subscribeChatMessages(bus, "g", async () => {}, { source: "#" }),
      /invalid source "#"/,
    );
  });

  test("every listed value is published on its routing key; a subscription can pick one", async (t) => {
    const bus = memoryBus(t);
    const all: string[] = [];
    const local: string[] = [];
    await subscribeChatMessages(bus, "all", async (_value, m) => {
      all.push(m.routingKey);
    });
    await subscribeChatMessages(
      bus,
      "local",
      async (value) => {
        local.push(value.message_id);
      },
      { source: "local" },
    );
    await publishChatMessage(bus, { ...MESSAGE, message_id: "Ev-slack", source: "slack" });
    await publishChatMessage(bus, { ...MESSAGE, message_id: "Ev-local", source: "local" });
    await waitFor("both messages", () => all.length === 2 && local.length === 1);
    assert.deepEqual(all, ["chat.message.slack", "chat.message.local"]);
    assert.deepEqual(local, ["Ev-local"]);
  });
});
