import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { jeeves } from "@jeeves/generated/proto";
import { toChatMessage } from "../../src/domain/chat-message.ts";
import type { SlackMessage } from "../../src/domain/classify-event.ts";

const NOW = "2030-01-01T00:00:00.000Z";

const mention: SlackMessage = {
  kind: "message",
  eventId: "Ev0LAN670R",
  teamId: "T061EG9R6",
  channel: "C0LAN2Q65",
  user: "U061F7AUR",
  text: "<@U0JEEVES01> weather in Berlin",
  ts: "1515449522.000016",
  eventTime: 1515449522,
};

describe("toChatMessage", () => {
  it("maps a top-level mention, answering in a thread under the message itself", () => {
    assert.deepEqual(toChatMessage(mention, NOW), {
      message_id: "Ev0LAN670R",
      source: "slack",
      team: "T061EG9R6",
      channel: "C0LAN2Q65",
      user: "U061F7AUR",
      text: "<@U0JEEVES01> weather in Berlin",
      thread: "1515449522.000016",
      time: "2018-01-08T22:12:02.000Z",
    });
  });

  it("answers a message written in a thread in that same thread", () => {
    const inThread = { ...mention, ts: "1515449600.000200", threadTs: "1515449522.000016" };
    assert.equal(toChatMessage(inThread, NOW).thread, "1515449522.000016");
  });

  it("falls back to now when event_time is not a representable date", () => {
    assert.equal(toChatMessage({ ...mention, eventTime: Number.MAX_SAFE_INTEGER }, NOW).time, NOW);
  });

  it("is a valid jeeves.v1.ChatMessage that survives a protobuf round trip", () => {
    // Also a compile-time check that the plain object fits the generated message's properties.
    const fields: jeeves.v1.ChatMessage.$Properties = toChatMessage(mention, NOW);
    const bytes = jeeves.v1.ChatMessage.encode(jeeves.v1.ChatMessage.fromObject(fields)).finish();
    const back = jeeves.v1.ChatMessage.toObject(jeeves.v1.ChatMessage.decode(bytes));
    assert.deepEqual(back, fields);
  });
});
