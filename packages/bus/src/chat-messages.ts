import {
  type ChatMessage,
  chatMessagePattern,
  chatMessageRoutingKey,
  chatReplyPattern,
  chatReplyRoutingKey,
  type Reply,
} from "@jeeves/generated/bus/bus";
import { decodePayload } from "./payloads.ts";
import type { Bus, BusMessage, PublishOptions, SubscribeOptions, Unsubscribe } from "./types.ts";

// The payload types, addresses and routing keys are generated from specs/asyncapi/bus.yaml.
export type { ChatMessage, Reply };

/** Handles a decoded payload; the raw delivery comes along (attempt, id, headers). */
export type TypedHandler<T> = (value: T, message: BusMessage) => Promise<void>;

/**
 * Publishes a ChatMessage on its channel's routing key (`chat.message.<source>`); the message id defaults
 * to `message_id`. Rejects a source the channel does not list, naming the channel and the parameter.
 */
export async function publishChatMessage(bus: Bus, value: ChatMessage, options: PublishOptions = {}): Promise<void> {
  const key = chatMessageRoutingKey({ source: value.source });
  return bus.publish(key, value, { ...options, id: options.id ?? (value.message_id || undefined) });
}

/** Subscribes `group` to every ChatMessage (`chat.message.*`) or one source's, decoding each message. */
export async function subscribeChatMessages(
  bus: Bus,
  group: string,
  handler: TypedHandler<ChatMessage>,
  options: SubscribeOptions & { source?: string } = {},
): Promise<Unsubscribe> {
  const { source, ...rest } = options;
  return bus.subscribe(
    chatMessagePattern({ source }),
    group,
    (message) => handler(decodePayload(message.routingKey, message.body) as unknown as ChatMessage, message),
    rest,
  );
}

/**
 * Publishes a Reply on its channel's routing key (`chat.reply.<destination>`). Rejects a destination the
 * channel does not list, naming the channel and the parameter.
 */
export async function publishReply(bus: Bus, value: Reply, options: PublishOptions = {}): Promise<void> {
  return bus.publish(chatReplyRoutingKey({ destination: value.destination }), value, options);
}

/** Subscribes `group` to every Reply (`chat.reply.*`) or one destination's, decoding each Reply. */
export async function subscribeReplies(
  bus: Bus,
  group: string,
  handler: TypedHandler<Reply>,
  options: SubscribeOptions & { destination?: string } = {},
): Promise<Unsubscribe> {
  const { destination, ...rest } = options;
  return bus.subscribe(
    chatReplyPattern({ destination }),
    group,
    (message) => handler(decodePayload(message.routingKey, message.body) as unknown as Reply, message),
    rest,
  );
}
