import { decodePayload } from "./payloads.ts";
import type { Bus, BusMessage, PublishOptions, SubscribeOptions, Unsubscribe } from "./types.ts";

/** jeeves.v1.ChatMessage as a plain object (routing key `chat.message.<source>`). */
export interface ChatMessage {
  message_id: string;
  source: string;
  team: string;
  channel: string;
  user: string;
  text: string;
  thread?: string;
  time: string;
}

/** jeeves.v1.Reply as a plain object (routing key `chat.reply.<destination>`). */
export interface Reply {
  reply_to: string;
  destination: string;
  team: string;
  channel: string;
  thread?: string;
  text: string;
  time: string;
  user?: string;
}

/** Handles a decoded payload; the raw delivery comes along (attempt, id, headers). */
export type TypedHandler<T> = (value: T, message: BusMessage) => Promise<void>;

function routingWord(kind: string, word: string): string {
  if (!/^[A-Za-z0-9_-]+$/.test(word ?? "")) throw new Error(`bus: invalid ${kind} ${JSON.stringify(word)}`);
  return word;
}

/** Publishes a ChatMessage on `chat.message.<source>`; the message id defaults to `message_id`. */
export async function publishChatMessage(bus: Bus, value: ChatMessage, options: PublishOptions = {}): Promise<void> {
  const key = `chat.message.${routingWord("source", value.source)}`;
  return bus.publish(key, value, { ...options, id: options.id ?? (value.message_id || undefined) });
}

/** Subscribes `group` to every `chat.message.*` (or `chat.message.<source>`), decoding each ChatMessage. */
export async function subscribeChatMessages(
  bus: Bus,
  group: string,
  handler: TypedHandler<ChatMessage>,
  options: SubscribeOptions & { source?: string } = {},
): Promise<Unsubscribe> {
  const { source, ...rest } = options;
  const pattern = `chat.message.${source === undefined ? "*" : routingWord("source", source)}`;
  return bus.subscribe(
    pattern,
    group,
    (message) => handler(decodePayload(message.routingKey, message.body) as unknown as ChatMessage, message),
    rest,
  );
}

/** Publishes a Reply on `chat.reply.<destination>`. */
export async function publishReply(bus: Bus, value: Reply, options: PublishOptions = {}): Promise<void> {
  return bus.publish(`chat.reply.${routingWord("destination", value.destination)}`, value, options);
}

/** Subscribes `group` to every `chat.reply.*` (or `chat.reply.<destination>`), decoding each Reply. */
export async function subscribeReplies(
  bus: Bus,
  group: string,
  handler: TypedHandler<Reply>,
  options: SubscribeOptions & { destination?: string } = {},
): Promise<Unsubscribe> {
  const { destination, ...rest } = options;
  const pattern = `chat.reply.${destination === undefined ? "*" : routingWord("destination", destination)}`;
  return bus.subscribe(
    pattern,
    group,
    (message) => handler(decodePayload(message.routingKey, message.body) as unknown as Reply, message),
    rest,
  );
}
