import type { components } from "@jeeves/generated/openapi/slackbot";

/** A message for Jeeves: an `app_mention`, or a `message` in a direct message, from a person. */
export interface SlackMessage {
  kind: "message";
  /** The envelope's `event_id`, unique per event and kept across Slack's retries. */
  eventId: string;
  /** The workspace (`team_id` of the envelope). */
  teamId: string;
  channel: string;
  user: string;
  text: string;
  /** The message's own timestamp (Slack's message id within the channel). */
  ts: string;
  /** Set when the message was written in a thread: the ts of the thread's first message. */
  threadTs?: string;
  /** `im` for direct messages; Slack leaves it out of `app_mention` events. */
  channelType?: string;
  /** The envelope's `event_time`, Unix seconds. */
  eventTime: number;
}

/** What one Events API request body is, as far as the gateway cares. */
export type Classified =
  | { kind: "url_verification"; challenge: string }
  | SlackMessage
  | { kind: "uninstalled"; teamId: string }
  | { kind: "ignored"; reason: string }
  | { kind: "invalid"; reason: string };

/** Options of {@link classifyEvent}. */
export interface ClassifyOptions {
  /** The bot's own user id in this workspace (from the install), so that its own messages are ignored. */
  botUserId?: string;
}

/**
 * An Events API body as the request schema let it through (`SlackEnvelope`): an object whose `type`
 * is a string, and whose `challenge`, `team_id`, `event_id`, `event_time` and `event` have their types
 * when present. The inner event's fields are not typed by the spec (Slack's format), so they are
 * checked here.
 */
export type SlackEnvelope = components["schemas"]["SlackEnvelope"];

/** The inner event of an envelope: an object, its fields unchecked. */
type SlackEvent = NonNullable<SlackEnvelope["event"]>;

function isText(value: unknown): value is string {
  return typeof value === "string" && value.length > 0;
}

const invalid = (reason: string): Classified => ({ kind: "invalid", reason });
const ignored = (reason: string): Classified => ({ kind: "ignored", reason });

/**
 * Classifies an Events API body the request schema validated (after the signature check). Never
 * throws: a field it needs that is absent or empty, or an inner event field of the wrong type, is
 * `invalid`; anything Jeeves should not answer (edits, joins, bot messages, its own messages, channel
 * messages without a mention, unhandled event or envelope types) is `ignored`, and `app_uninstalled` or
 * `tokens_revoked` with bot tokens is `uninstalled`.
 */
export function classifyEvent(envelope: SlackEnvelope, options: ClassifyOptions = {}): Classified {
  const { type } = envelope;
  if (!type) return invalid("type is empty");
  if (type === "url_verification") {
    return envelope.challenge
      ? { kind: "url_verification", challenge: envelope.challenge }
      : invalid("url_verification without a challenge string");
  }
  if (type !== "event_callback") return ignored(`envelope type ${type} is not handled`);

  const { team_id: teamId, event_id: eventId, event_time: eventTime, event } = envelope;
  if (!teamId) return invalid("event_callback without team_id");
  if (!eventId) return invalid("event_callback without event_id");
  if (eventTime === undefined || eventTime < 0 || !Number.isSafeInteger(eventTime)) {
    return invalid("event_callback without a valid event_time");
  }
  if (!event) return invalid("event_callback without an event object");
  if (!isText(event.type)) return invalid("event without a type");

  switch (event.type) {
    case "app_uninstalled":
      return { kind: "uninstalled", teamId };
    case "tokens_revoked":
      return classifyTokensRevoked(event, teamId);
    case "app_mention":
    case "message":
      return classifyMessage(event, { eventId, teamId, eventTime }, options);
    default:
      return ignored(`event type ${event.type} is not handled`);
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function classifyTokensRevoked(event: SlackEvent, teamId: string): Classified {
  const { tokens } = event;
  if (!isObject(tokens)) return invalid("tokens_revoked without tokens");
  const { bot } = tokens;
  if (bot === undefined) return ignored("tokens_revoked for user tokens only");
  if (!Array.isArray(bot)) return invalid("tokens_revoked with tokens.bot not an array");
  return bot.length > 0 ? { kind: "uninstalled", teamId } : ignored("tokens_revoked for user tokens only");
}

function classifyMessage(
  event: SlackEvent,
  envelope: { eventId: string; teamId: string; eventTime: number },
  { botUserId }: ClassifyOptions,
): Classified {
  const { subtype, bot_id: botId, user, channel_type: channelType } = event;
  if (subtype !== undefined) {
    return typeof subtype === "string" ? ignored(`message subtype ${subtype}`) : invalid("subtype is not a string");
  }
  if (botId !== undefined && botId !== null) return ignored("message from a bot (bot_id)");
  if (botUserId !== undefined && user === botUserId) return ignored("message from Jeeves itself");
  if (channelType !== undefined && typeof channelType !== "string") return invalid("channel_type is not a string");
  if (event.type === "message" && channelType !== "im") {
    return ignored("message outside a direct message (mentions come as app_mention)");
  }
  const { channel, text, ts, thread_ts: threadTs } = event;
  if (!isText(user)) return invalid(`${event.type} without user`);
  if (!isText(channel)) return invalid(`${event.type} without channel`);
  if (typeof text !== "string") return invalid(`${event.type} without text`);
  if (!isText(ts)) return invalid(`${event.type} without ts`);
  if (threadTs !== undefined && !isText(threadTs)) return invalid("thread_ts is not a string");
  const message: SlackMessage = { kind: "message", ...envelope, channel, user, text, ts };
  if (threadTs !== undefined) message.threadTs = threadTs;
  if (channelType !== undefined) message.channelType = channelType;
  return message;
}
