import { decodeProtobuf, encodeProtobuf } from "@jeeves/codecs";
import { protoMessages } from "@jeeves/generated/bus/bus";
import { topicMatches } from "./topic-pattern.ts";

/**
 * Topic pattern of each channel's address (`chat.message.*`) → the protobuf message of its payload, as
 * generated from the channels and `x-proto-message` of specs/asyncapi/bus.yaml.
 */
export const PAYLOAD_MESSAGES: Readonly<Record<string, string>> = protoMessages;

/** The protobuf message name of a routing key's payload, or undefined when the contract names none. */
export function payloadMessage(routingKey: string): string | undefined {
  for (const [pattern, name] of Object.entries(PAYLOAD_MESSAGES)) if (topicMatches(pattern, routingKey)) return name;
  return undefined;
}

/** Encodes a typed payload for a routing key; throws when the contract names no message for that key. */
export function encodePayload(routingKey: string, value: object): Uint8Array {
  const name = payloadMessage(routingKey);
  if (!name) throw new Error(`bus: no payload message for routing key ${routingKey}; publish bytes instead`);
  return encodeProtobuf(name, value);
}

/** Decodes a routing key's payload into a plain object (absent non-optional fields get their defaults). */
export function decodePayload(routingKey: string, body: Uint8Array): Record<string, unknown> {
  const name = payloadMessage(routingKey);
  if (!name) throw new Error(`bus: no payload message for routing key ${routingKey}`);
  return decodeProtobuf(name, body, true);
}
