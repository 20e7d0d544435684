import type { SlackMessage } from "./classify-event.ts";

/** The fields of `jeeves.v1.ChatMessage` (specs/proto/jeeves/v1/chat.proto), as a plain object. */
export interface ChatMessageFields {
  message_id: string;
  source: "slack";
  team: string;
  channel: string;
  user: string;
  text: string;
  thread?: string;
  time: string;
}

/**
 * Turns a classified Slack message into the ChatMessage the gateway publishes on `chat.message.slack`.
 * The message id is the event id (so repeats can be dropped downstream), and the thread is the message's
 * thread or, outside a thread, the message itself, so that Jeeves answers in a thread under it. The time
 * is the event's `event_time` as ISO 8601; `nowIso` is used only if that is not a representable date.
 */
export function toChatMessage(message: SlackMessage, nowIso: string): ChatMessageFields {
  const when = new Date(message.eventTime * 1000);
  return {
    message_id: message.eventId,
    source: "slack",
    team: message.teamId,
    channel: message.channel,
    user: message.user,
    text: message.text,
    thread: message.threadTs ?? message.ts,
    time: Number.isNaN(when.getTime()) ? nowIso : when.toISOString(),
  };
}
