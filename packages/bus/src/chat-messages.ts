import {
  type ChatMessage,
  chatMessagePattern,
  chatMessageRoutingKey,
  chatReplyPattern,
  chatReplyRoutingKey,
  chatReplyToReplicaPattern,
  chatReplyToReplicaRoutingKey,
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
 * Publishes a Reply on its channel's routing key (`chat.reply.<destination>`), or, with `replica` (the
 * message's `reply_replica`), on `chat.reply.local.<replica>`, where only that slackbot replica listens.
 * Rejects a destination the channel does not list, a replica that is not one word, and a replica for a
 * destination other than `local`, naming the channel and the parameter.
 */
export async function publishReply(
  bus: Bus,
  value: Reply,
  options: PublishOptions & { replica?: string } = {},
): Promise<void> {
  const { replica, ...rest } = options;
  if (replica === undefined) return bus.publish(chatReplyRoutingKey({ destination: value.destination }), value, rest);
  if (value.destination !== "local") {
    throw new Error(`bus: a reply to a replica goes to destination local, not ${JSON.stringify(value.destination)}`);
  }
  return bus.publish(chatReplyToReplicaRoutingKey({ replica }), value, rest);
}

/**
 * Subscribes `group` to every Reply (`chat.reply.*`), one destination's, or, with `replica`, to the
 * replies for that slackbot replica (`chat.reply.local.<replica>`; pair it with `transient: true`),
 * decoding each Reply.
 */
export async function subscribeReplies(
  bus: Bus,
  group: string,
  handler: TypedHandler<Reply>,
  options: SubscribeOptions & { destination?: string; replica?: string } = {},
): Promise<Unsubscribe> {
  const { destination, replica, ...rest } = options;
  const pattern = replica === undefined ? chatReplyPattern({ destination }) : chatReplyToReplicaPattern({ replica });
  return bus.subscribe(
    pattern,
    group,
    (message) => handler(decodePayload(message.routingKey, message.body) as unknown as Reply, message),
    rest,
  );
}
