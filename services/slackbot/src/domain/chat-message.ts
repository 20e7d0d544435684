import type { ChatMessage } from "@jeeves/bus";
import type { SlackMessage } from "./classify-event.ts";

/** The bus's ChatMessage (`jeeves.v1.ChatMessage`) as the Slack gateway fills it. */
export type ChatMessageFields = ChatMessage & { source: "slack" };

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
