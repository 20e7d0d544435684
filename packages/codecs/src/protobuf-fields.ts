import protobuf from "protobufjs/minimal.js";

/** The static functions protobufjs generates for every message (and gives every reflected type's class). */
export interface MessageClass {
  readonly prototype: object;
  fromObject(object: Record<string, unknown>): unknown;
  encode(message: unknown): { finish(): Uint8Array };
  decode(bytes: Uint8Array | protobuf.Reader): unknown;
  toObject(message: unknown, options: Record<string, unknown>): Record<string, unknown>;
}

/**
 * What one value of a field is: a protobuf scalar type (32-bit integers by range: `int32` stands for
 * int32, sint32 and sfixed32; `uint32` for uint32 and fixed32; `int64`/`uint64` likewise; `double` for
 * double and float), an enum, or a message.
 */
export type FieldKind =
  | "string"
  | "bool"
  | "int32"
  | "uint32"
  | "int64"
  | "uint64"
  | "double"
  | "bytes"
  | "enum"
  | "message";

/** One field of a message: the kind of its values, whether it is repeated or a map, and its message class. */
export interface FieldShape {
  readonly kind: FieldKind;
  readonly container: "single" | "repeated" | "map";
  /** The class of a message field (or of a repeated field's items, or a map's values). */
  readonly message?: MessageClass;
  /** The value of an enum field protobuf leaves off the wire (the name of its zero). */
  readonly zero?: unknown;
  /** The field number. */
  readonly id: number;
  /**
   * The wire type the field is written with: 0 varint, 1 64-bit, 2 length-delimited (strings, bytes,
   * messages, map entries, packed repeated numbers), 5 32-bit.
   */
  readonly wireType: number;
  /** The wire type of one unpacked item of a repeated number field, which decoders take too. */
  readonly itemWireType?: number;
}

/** The fields of a message, by their (snake_case) names. */
export type MessageShape = ReadonlyMap<string, FieldShape>;

const shapes = new WeakMap<MessageClass, MessageShape>();

const Long = protobuf.util.Long as unknown as { isLong(value: unknown): boolean } | undefined;

/** A Long, as protobufjs keeps 64-bit integers when the long package is there. */
export function isLong(value: unknown): value is { unsigned: boolean } {
  return Long?.isLong(value) === true;
}

function isMessageClass(value: unknown): value is MessageClass {
  return typeof value === "function" && typeof (value as Partial<MessageClass>).encode === "function";
}

/**
 * What `fromObject` makes of `probe` put in the field (as a repeated field's only item, or as a map's
 * value under key `k`): undefined when it sets nothing, or when it throws.
 */
function converted(type: MessageClass, name: string, container: FieldShape["container"], probe: unknown): unknown {
  const wrapped = container === "repeated" ? [probe] : container === "map" ? { k: probe } : probe;
  let message: Record<string, unknown>;
  try {
    message = type.fromObject({ [name]: wrapped }) as Record<string, unknown>;
  } catch {
    return undefined;
  }
  // A field fromObject leaves unset reads its default through the prototype: only an own value counts.
  if (!Object.hasOwn(message, name)) return undefined;
  const slot = message[name] as Record<string, unknown> | unknown[] | undefined;
  if (container === "repeated") return (slot as unknown[])[0];
  if (container === "map") return (slot as Record<string, unknown>).k;
  return slot;
}

/**
 * The kind of a field, told by how the class's own `fromObject` converts a few probes: an object
 * becomes a nested message, "[object Object]" (string), true (bool), 0 (32-bit integers) or NaN
 * (double); -1.5 tells int32 (-1) from uint32 (4294967295); a Uint8Array is kept by bytes fields only;
 * 1 becomes a Long (64-bit) or stays 1 (enum).
 */
function kindOf(
  type: MessageClass,
  name: string,
  container: FieldShape["container"],
): Pick<FieldShape, "kind" | "message" | "zero"> {
  const object = converted(type, name, container, {});
  if (typeof object === "string") return { kind: "string" };
  if (typeof object === "boolean") return { kind: "bool" };
  if (typeof object === "number") {
    if (Number.isNaN(object)) return { kind: "double" };
    return { kind: converted(type, name, container, -1.5) === -1 ? "int32" : "uint32" };
  }
  if (object !== null && typeof object === "object" && isMessageClass(object.constructor)) {
    return { kind: "message", message: object.constructor };
  }
  if (ArrayBuffer.isView(converted(type, name, container, new Uint8Array([1])))) return { kind: "bytes" };
  const one = converted(type, name, container, 1);
  if (isLong(one)) return { kind: one.unsigned ? "uint64" : "int64" };
  if (typeof one === "number") {
    // Without the long package protobufjs keeps 64-bit values as numbers, and parses decimal strings.
    if (converted(type, name, container, "1") === 1) return { kind: "int64" };
    if (container !== "single") return { kind: "enum" };
    const defaults = type.toObject(type.fromObject({}), { defaults: true, enums: String });
    return { kind: "enum", zero: defaults[name] };
  }
  throw new Error(`cannot tell the type of protobuf field ${name}`);
}

/** A value of each kind that protobuf writes (not its default), to learn a field's number. */
const SAMPLES: Record<FieldKind, unknown> = {
  string: "x",
  bool: true,
  int32: 1,
  uint32: 1,
  int64: 1,
  uint64: 1,
  double: 1.5,
  bytes: new Uint8Array([1]),
  enum: 1,
  message: {},
};

/** The wire type of a packed number by its size: a varint of 1 takes a byte, a fixed32 or float 4, a fixed64 or double 8. */
const PACKED_ITEM_WIRE_TYPE: Record<number, number> = { 1: 0, 4: 5, 8: 1 };

/** The field number and wire type protobufjs writes a value of the field with (and a packed sample's wire type). */
function tagOf(
  type: MessageClass,
  name: string,
  value: unknown,
  packable: boolean,
): { id: number; wireType: number; itemWireType?: number } {
  const reader = protobuf.Reader.create(type.encode(type.fromObject({ [name]: value })).finish());
  const tag = reader.uint32();
  const id = tag >>> 3;
  const wireType = tag & 7;
  if (!packable || wireType !== 2) return { id, wireType };
  const itemWireType = PACKED_ITEM_WIRE_TYPE[reader.uint32()];
  return itemWireType === undefined ? { id, wireType } : { id, wireType, itemWireType };
}

/** A repeated field defaults to an array; so do bytes in reflected classes, but only bytes take a string. */
function isRepeated(type: MessageClass, name: string): boolean {
  try {
    type.fromObject({ [name]: "AA==" });
    return false;
  } catch {
    return true;
  }
}

/**
 * The fields of a message class, learnt once per class. The generated code is static (no reflection,
 * no verify functions), so the fields are the data properties its prototype declares (their defaults),
 * each one's type is read from how the class converts a few probe values, and its number and wire type
 * from how it encodes one.
 */
export function messageShape(type: MessageClass): MessageShape {
  const cached = shapes.get(type);
  if (cached) return cached;
  const fields = new Map<string, FieldShape>();
  for (const name of Object.keys(type.prototype)) {
    const initial = (type.prototype as Record<string, unknown>)[name];
    if (typeof initial === "function" || name.startsWith("$")) continue;
    let container: FieldShape["container"] = "single";
    if (Array.isArray(initial)) container = isRepeated(type, name) ? "repeated" : "single";
    else if (initial !== null && typeof initial === "object" && !ArrayBuffer.isView(initial) && !isLong(initial)) {
      container = "map";
    }
    const kind = kindOf(type, name, container);
    const sample = SAMPLES[kind.kind];
    const value = container === "repeated" ? [sample] : container === "map" ? { k: sample } : sample;
    const packable = container === "repeated" && !["string", "bytes", "message"].includes(kind.kind);
    const tag = tagOf(type, name, value, packable);
    fields.set(name, { container, ...kind, ...tag });
  }
  shapes.set(type, fields);
  return fields;
}
