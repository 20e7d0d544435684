import { jeeves } from "@jeeves/generated/proto";
import protobuf from "protobufjs/minimal.js";
import { type MessageClass, messageShape } from "./protobuf-fields.ts";
import { assertFitsMessage } from "./protobuf-value.ts";

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

/**
 * Encodes a plain object as the named protobuf message. Throws ProtobufEncodeError when the value does
 * not fit the message's field types, or has a property the message lacks (see `assertFitsMessage`):
 * protobufjs would otherwise write something else without a word.
 */
export function encodeProtobuf(name: string, value: unknown): Uint8Array {
  const type = messageClass(name);
  const object = value ?? {};
  assertFitsMessage(type, name, object);
  return type.encode(type.fromObject(object)).finish();
}

/** The field number and wire type of a raw field's tag (a varint). */
function tagOf(raw: Uint8Array): { id: number; wireType: number } {
  let tag = 0;
  for (let i = 0, shift = 0; i < raw.length && i < 5; i++, shift += 7) {
    tag += (raw[i] & 0x7f) * 2 ** shift;
    if ((raw[i] & 0x80) === 0) break;
  }
  return { id: Math.floor(tag / 8), wireType: tag % 8 };
}


const WIRE_TYPES = ["varint", "64-bit", "length-delimited", "group start", "group end", "32-bit", "6", "7"];
const wireType = (type: number) => `${type} (${WIRE_TYPES[type]})`;

/**
 * Why protobufjs kept a raw field as unknown, after the message's path: it has no field of that number
 * (`jeeves.v1.Health: field 9 (wire type 0) is not a field of the message`), or the field came with
 * another wire type (`jeeves.v1.Health.status: field 1 came with wire type 0 (varint); a string field takes 2 (length-delimited)`).
 */
function unknownField(type: MessageClass | undefined, raw: Uint8Array, path: string): string {
  const tag = tagOf(raw);
  const declared = type ? [...messageShape(type)].find(([, field]) => field.id === tag.id) : undefined;
  if (!declared) return `${path}: field ${tag.id} (wire type ${tag.wireType}) is not a field of the message`;
  const [name, field] = declared;
  const kind = field.container === "single" ? field.kind : `${field.container} ${field.kind}`;
  const takes =
    wireType(field.wireType) + (field.itemWireType === undefined ? "" : ` or ${wireType(field.itemWireType)}`);
  return `${path}.${name}: field ${tag.id} came with wire type ${wireType(tag.wireType)}; a ${kind} field takes ${takes}`;
}

/**
 * protobufjs keeps the fields a message does not declare, and declared ones sent with another wire type
 * (a varint where a string belongs), in `$unknowns`: throws on the first one, nested messages included.
 */
function refuseUnknownFields(message: unknown, path: string): void {
  if (message === null || typeof message !== "object" || ArrayBuffer.isView(message)) return;
  if (Array.isArray(message)) {
    message.forEach((item, i) => {
      refuseUnknownFields(item, `${path}[${i}]`);
    });
    return;
  }
  const unknowns = (message as { $unknowns?: Uint8Array[] }).$unknowns;
  if (unknowns?.length) {
    const type = (message as { constructor?: MessageClass }).constructor;
    throw new Error(unknownField(typeof type?.encode === "function" ? type : undefined, unknowns[0], path));
  }
  for (const [key, value] of Object.entries(message)) refuseUnknownFields(value, `${path}.${key}`);
}

/**
 * Decodes the named message into a plain object in JSON shape. `complete` fills absent non-optional
 * fields with their defaults (for responses, whose required fields proto3 may leave off the wire);
 * without it absent fields stay absent, so request validation can report them as missing. `strict`
 * refuses fields the message does not have or with the wrong wire type (for requests, as JSON bodies
 * refuse unknown properties); without it they are skipped, so a newer sender is still understood.
 */
export function decodeProtobuf(
  name: string,
  bytes: Uint8Array,
  complete: boolean,
  strict = false,
): Record<string, unknown> {
  const type = messageClass(name);
  let message: unknown;
  if (strict) {
    // protobufjs drops unknown fields unless the reader is told to keep them.
    const reader = protobuf.Reader.create(bytes);
    reader.discardUnknown = false;
    message = type.decode(reader);
    refuseUnknownFields(message, name);
  } else {
    message = type.decode(bytes);
  }
  return type.toObject(message, {
    longs: Number,
    enums: String,
    bytes: String,
    defaults: complete,
    arrays: true,
    oneofs: false,
  });
}
