import { type FieldShape, isLong, type MessageClass, messageShape } from "./protobuf-fields.ts";

/**
 * A value does not fit the protobuf message it is encoded as (a server or client bug: protobufjs would
 * silently write something else, such as "[object Object]" for an object or true for 1). `path` is the
 * message and field, e.g. `jeeves.v1.User.settings[0].value`.
 */
export class ProtobufEncodeError extends Error {
  readonly code = "CODECS_ERR_PROTOBUF_VALUE";

  constructor(
    readonly path: string,
    readonly problem: string,
  ) {
    super(`${path}: ${problem}`);
    this.name = "ProtobufEncodeError";
  }
}

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const UINT64_MAX = 2n ** 64n - 1n;
const DECIMAL = /^-?\d{1,20}$/;

/** What a value is, for an error message: its type, and a number's value (strings are not shown). */
function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (ArrayBuffer.isView(value)) return value.constructor.name;
  if (typeof value === "number" || typeof value === "bigint") return `${typeof value} ${String(value)}`;
  return typeof value;
}

/** A plain object, or an instance of the message class itself (what `fromObject` reads field by field). */
function isObjectFor(value: unknown, type: MessageClass | undefined): value is Record<string, unknown> {
  if (value === null || typeof value !== "object" || Array.isArray(value) || ArrayBuffer.isView(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return (
    proto === Object.prototype ||
    proto === null ||
    (type !== undefined && value instanceof (type as unknown as new () => object))
  );
}

/** A 64-bit integer as protobufjs takes it: a safe integer, a decimal string in range, or a Long. */
function fitsInt64(value: unknown, unsigned: boolean): boolean {
  if (typeof value === "number") return Number.isSafeInteger(value) && (!unsigned || value >= 0);
  if (typeof value === "string") {
    if (!DECIMAL.test(value)) return false;
    const big = BigInt(value);
    return unsigned ? big >= 0n && big <= UINT64_MAX : big >= INT64_MIN && big <= INT64_MAX;
  }
  return isLong(value) && value.unsigned === unsigned;
}

/** Whether an enum field takes a name or number: what protobufjs converts back to a declared name. */
function isDeclared(type: MessageClass, name: string, field: FieldShape, value: unknown): boolean {
  if (typeof value !== "string" && !Number.isInteger(value)) return false;
  if (field.container === "single" && (value === field.zero || value === 0)) return true;
  const wrapped = field.container === "repeated" ? [value] : field.container === "map" ? { k: value } : value;
  const back = type.toObject(type.fromObject({ [name]: wrapped }), { enums: String })[name];
  const item =
    field.container === "repeated"
      ? (back as unknown[] | undefined)?.[0]
      : field.container === "map"
        ? (back as Record<string, unknown> | undefined)?.k
        : back;
  return typeof item === "string";
}

/** What a field's values must be, for an error message. */
const EXPECTED: Record<FieldShape["kind"], string> = {
  string: "string",
  bool: "boolean",
  int32: "int32 (an integer from -2147483648 to 2147483647)",
  uint32: "uint32 (an integer from 0 to 4294967295)",
  int64: "int64 (a safe integer or a decimal string)",
  uint64: "uint64 (a non-negative safe integer or decimal string)",
  double: "finite number",
  bytes: "Uint8Array",
  enum: "a name or number the enum declares",
  message: "object",
};

/** Whether one value (a field's, a repeated field's item or a map's value) fits the field's kind. */
function fits(type: MessageClass, name: string, field: FieldShape, value: unknown): boolean {
  switch (field.kind) {
    case "string":
      return typeof value === "string";
    case "bool":
      return typeof value === "boolean";
    case "int32":
      return Number.isInteger(value) && (value as number) >= -2147483648 && (value as number) <= 2147483647;
    case "uint32":
      return Number.isInteger(value) && (value as number) >= 0 && (value as number) <= 4294967295;
    case "int64":
    case "uint64":
      return fitsInt64(value, field.kind === "uint64");
    case "double":
      return Number.isFinite(value);
    case "bytes":
      return value instanceof Uint8Array;
    case "enum":
      return isDeclared(type, name, field, value);
    case "message":
      return isObjectFor(value, field.message);
  }
}

/**
 * A misfit found below a message: its path relative to that message (`.items[1].value`), which grows as
 * it is thrown up through the enclosing messages, so no path is built while everything fits.
 */
class Misfit {
  constructor(
    public path: string,
    readonly problem: string,
  ) {}
}

/** The path of a field (`.location`), a repeated field's item (`.items[2]`) or a map's value (`.tags.key`). */
function pathOf(name: string, key?: number | string): string {
  if (key === undefined) return `.${name}`;
  return typeof key === "number" ? `.${name}[${key}]` : `.${name}.${key}`;
}

/** Checks one value of a field of `type` (with its `key` in a repeated field or map). */
function checkValue(type: MessageClass, name: string, field: FieldShape, value: unknown, key?: number | string): void {
  if (!fits(type, name, field, value)) {
    throw new Misfit(pathOf(name, key), `expected ${EXPECTED[field.kind]}, got ${describe(value)}`);
  }
  if (!field.message) return;
  try {
    checkFields(field.message, value as Record<string, unknown>);
  } catch (error) {
    if (error instanceof Misfit) error.path = pathOf(name, key) + error.path;
    throw error;
  }
}

/** Checks every property of a message's value against its fields; null and undefined are absent fields. */
function checkFields(type: MessageClass, value: Record<string, unknown>): void {
  const shape = messageShape(type);
  for (const name in value) {
    if (!Object.hasOwn(value, name)) continue;
    const item = value[name];
    if (item === null || item === undefined) continue;
    const field = shape.get(name);
    if (!field) throw new Misfit(pathOf(name), "the message has no such field");
    if (field.container === "single") {
      checkValue(type, name, field, item);
    } else if (field.container === "repeated") {
      if (!Array.isArray(item)) throw new Misfit(pathOf(name), `expected array, got ${describe(item)}`);
      for (let i = 0; i < item.length; i++) checkValue(type, name, field, item[i], i);
    } else {
      if (!isObjectFor(item, undefined))
        throw new Misfit(pathOf(name), `expected object (a map), got ${describe(item)}`);
      for (const key in item) if (Object.hasOwn(item, key)) checkValue(type, name, field, item[key], key);
    }
  }
}

/**
 * Throws ProtobufEncodeError unless `value` fits message `type` (named `name`) exactly: strings for
 * string fields, booleans for bool (not 0 or 1), integers in range for integer types, finite numbers for
 * float and double, Uint8Array for bytes, declared names or numbers for enums, plain objects for
 * messages and maps, arrays for repeated fields (each item checked), and no property the message does
 * not declare. null and undefined stand for an absent field.
 */
export function assertFitsMessage(
  type: MessageClass,
  name: string,
  value: unknown,
): asserts value is Record<string, unknown> {
  if (!isObjectFor(value, type)) throw new ProtobufEncodeError(name, `expected object, got ${describe(value)}`);
  try {
    checkFields(type, value);
  } catch (error) {
    if (error instanceof Misfit) throw new ProtobufEncodeError(name + error.path, error.problem);
    throw error;
  }
}
