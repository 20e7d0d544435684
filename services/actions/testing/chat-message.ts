import { randomUUID } from "node:crypto";
import type { ChatMessage } from "@jeeves/bus";

/** A Slack identity for tests: team, channel (a DM) and user in the dataservice's id formats. */
export const TEST_IDENTITY = { team: "T0TEST0001", channel: "D0TEST0001", user: "U0TEST0001" } as const;

/** A ChatMessage from Slack (the test identity, a fresh message id, now), with `overrides` applied. */
export function chatMessage(text: string, overrides: Partial<ChatMessage> = {}): ChatMessage {
  return {
    message_id: `Ev${randomUUID().replaceAll("-", "").slice(0, 12).toUpperCase()}`,
    source: "slack",
    ...TEST_IDENTITY,
    text,
    time: new Date().toISOString(),
    ...overrides,
  };
}
