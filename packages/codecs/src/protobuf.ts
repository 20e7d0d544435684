import { jeeves } from "@jeeves/generated/proto";

/** The static functions protobufjs generates for every message. */
interface MessageClass {
  fromObject(object: Record<string, unknown>): unknown;
  encode(message: unknown): { finish(): Uint8Array };
  decode(bytes: Uint8Array): unknown;
  toObject(message: unknown, options: Record<string, unknown>): Record<string, unknown>;
}

const roots: Record<string, unknown> = { jeeves };
const cache = new Map<string, MessageClass>();

/** Finds a generated message class by its full name, e.g. `jeeves.v1.User`. */
export function messageClass(name: string): MessageClass {
  const cached = cache.get(name);
  if (cached) return cached;
  let node: unknown = roots;
  for (const part of name.split(".")) node = (node as Record<string, unknown> | undefined)?.[part];
  const found = node as MessageClass | undefined;
  if (typeof found?.encode !== "function") throw new Error(`no protobuf message ${name} in specs/proto`);
  cache.set(name, found);
  return found;
}

/** Encodes a plain object as the named protobuf message; fields the message lacks are dropped. */
export function encodeProtobuf(name: string, value: unknown): Uint8Array {
  const type = messageClass(name);
  return type.encode(type.fromObject((value ?? {}) as Record<string, unknown>)).finish();
}

/**
 * Decodes the named message into a plain object in JSON shape. `complete` fills absent non-optional
 * fields with their defaults (for responses, whose required fields proto3 may leave off the wire);
 * without it absent fields stay absent, so request validation can report them as missing.
 */
export function decodeProtobuf(name: string, bytes: Uint8Array, complete: boolean): Record<string, unknown> {
  const type = messageClass(name);
  return type.toObject(type.decode(bytes), {
    longs: Number,
    enums: String,
    bytes: String,
    defaults: complete,
    arrays: true,
    oneofs: false,
  });
}
