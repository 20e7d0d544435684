// Routing keys and subscription patterns from the channel addresses of an AsyncAPI document. The code
// generator copies this file to generated/bus/routing.ts; each generated generated/bus/<document>.ts
// builds its typed helpers on it.

/** One parameter of a channel address; `enum` lists the values it may take. */
export interface ChannelParameter {
  readonly enum?: readonly string[];
}

/** A channel as the routing helpers need it: its id and its address template (`chat.message.{source}`). */
export interface ChannelAddress {
  readonly id: string;
  readonly address: string;
  readonly parameters: Readonly<Record<string, ChannelParameter>>;
}

/** A channel as the generated `channels` table lists it: its address and the messages it carries. */
export interface BusChannel extends ChannelAddress {
  /** Each message: the name of its payload type and, for protobuf payloads, its `x-proto-message`. */
  readonly messages: readonly { readonly name: string; readonly protoMessage?: string }[];
}

const WORD = /^[\w-]+$/;
const PLACEHOLDER = /\{([^{}]+)\}/g;

function parameterValue(channel: ChannelAddress, name: string, value: unknown): string {
  if (typeof value !== "string" || !WORD.test(value)) {
    throw new Error(
      `bus: invalid ${name} ${JSON.stringify(value)} for channel ${channel.id} (${channel.address}): one word of letters, digits, _ and -`,
    );
  }
  const allowed = channel.parameters[name]?.enum;
  if (allowed && !allowed.includes(value)) {
    throw new Error(
      `bus: channel ${channel.id} (${channel.address}) has no ${name} ${JSON.stringify(value)}; ${name} is one of ${allowed.join(", ")}`,
    );
  }
  return value;
}

/**
 * The routing key of `channel` with every address parameter filled in. Throws, naming the channel and the
 * parameter, when a value is missing, is not one word, or is not one of the parameter's `enum`.
 */
export function routingKey(channel: ChannelAddress, parameters: Readonly<Record<string, string>>): string {
  return channel.address.replace(PLACEHOLDER, (_, name: string) => parameterValue(channel, name, parameters[name]));
}

/**
 * The topic pattern that subscribes to `channel`: each parameter given is filled in (and checked as in
 * `routingKey`), each one left out becomes `*`.
 */
export function subscriptionPattern(
  channel: ChannelAddress,
  parameters: Readonly<Record<string, string | undefined>> = {},
): string {
  return channel.address.replace(PLACEHOLDER, (_, name: string) =>
    parameters[name] === undefined ? "*" : parameterValue(channel, name, parameters[name]),
  );
}
