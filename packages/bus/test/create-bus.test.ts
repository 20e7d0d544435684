import assert from "node:assert/strict";
import { test } from "node:test";
import {
  crashOnceWhenFileExists,
  createBus,
  decodePayload,
  encodePayload,
  MemoryBus,
  PAYLOAD_MESSAGES,
  payloadMessage,
} from "../src/index.ts";
import { captureLogger } from "./helpers.ts";

test("createBus without BUS_URL gives the in-process bus", async () => {
  for (const url of [undefined, "", "  "]) {
    const bus = await createBus({ url, logger: captureLogger() });
    assert.ok(bus instanceof MemoryBus);
    await bus.close();
  }
});

test("createBus refuses other schemes with a clear error that does not echo the URL", async () => {
  await assert.rejects(createBus({ url: "redis://user:s3cret@127.0.0.1:6379" }), (error: Error) => {
    assert.match(error.message, /BUS_URL must be unset .* amqp:\/\/ or amqps:\/\//);
    assert.match(error.message, /redis:/);
    assert.doesNotMatch(error.message, /s3cret/);
    return true;
  });
  await assert.rejects(createBus({ url: "localhost:5672" }), /BUS_URL must be unset/);
});

test("createBus with an amqp:// URL connects to RabbitMQ (rejects when nothing listens)", async () => {
  await assert.rejects(createBus({ url: "amqp://guest:guest@127.0.0.1:1", logger: captureLogger() }), /ECONNREFUSED/);
});

test("payload messages follow x-proto-message of specs/asyncapi/bus.yaml", () => {
  assert.equal(payloadMessage("chat.message.slack"), "jeeves.v1.ChatMessage");
  assert.equal(payloadMessage("chat.reply.local"), "jeeves.v1.Reply");
  assert.equal(payloadMessage("alerts.due"), undefined);
  assert.equal(payloadMessage("chat.message.slack.extra"), undefined, "one word per address parameter");
  assert.equal(payloadMessage("chat.reply.local.replica-1"), "jeeves.v1.Reply", "a reply to one slackbot replica");
  assert.deepEqual(PAYLOAD_MESSAGES, {
    "chat.message.*": "jeeves.v1.ChatMessage",
    "chat.reply.*": "jeeves.v1.Reply",
    "chat.reply.local.*": "jeeves.v1.Reply",
  });
  const value = { reply_to: "r", destination: "local", team: "t", channel: "c", text: "hi", time: "now" };
  assert.deepEqual(decodePayload("chat.reply.local", encodePayload("chat.reply.local", value)), value);
});

test("crashOnceWhenFileExists says crash once per appearance of its file, for its routing keys, to the first asker only", async () => {
  const { mkdtemp, writeFile, rm } = await import("node:fs/promises");
  const { join } = await import("node:path");
  const { tmpdir } = await import("node:os");
  const folder = await mkdtemp(join(tmpdir(), "bus-fault-"));
  const file = join(folder, "crash");
  const first = crashOnceWhenFileExists(file);
  const second = crashOnceWhenFileExists(file);
  const message = (routingKey: string) => ({ routingKey, body: new Uint8Array(), headers: {}, attempt: 1, id: "m1" });
  assert.equal(first(message("chat.message.slack")), false, "no file: no crash");
  await writeFile(file, "");
  assert.equal(first(message("chat.message.slack")), false, "an empty file (still being written): no crash");
  await writeFile(file, "chat.message.");
  assert.equal(first(message("chat.reply.slack")), false, "not its routing key");
  assert.equal(second(message("chat.message.slack")), true, "the file appeared: the first asker crashes");
  assert.equal(first(message("chat.message.slack")), false, "and only once");
  await rm(folder, { recursive: true, force: true });
});
