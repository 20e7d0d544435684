import { essence, JSON_TYPE, MSGPACK_TYPE, PROBLEM_TYPE, PROTOBUF_TYPE } from "./media-types.ts";
import { decodeMsgpack, encodeMsgpack } from "./msgpack.ts";
import { decodeProtobuf, encodeProtobuf } from "./protobuf.ts";
import { type BodyDirection, type FilterSchema, filterBySchema } from "./schema-filter.ts";

/** A body's schema as the codecs need it: a JSON schema naming its protobuf message. */
export type BodySchema = FilterSchema & { "x-proto-message"?: string };

/** A body that could not be decoded (the service answers 400). */
export class MalformedBodyError extends Error {
  constructor(mediaType: string, cause: unknown) {
    super(`malformed ${mediaType} body: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = "MalformedBodyError";
  }
}

function protoName(schema: BodySchema | undefined): string {
  const name = schema?.["x-proto-message"];
  if (!name) throw new Error("the schema names no protobuf message (x-proto-message)");
  return name;
}

/**
 * protobuf cannot tell an empty repeated field from an absent one, and protobufjs answers `[]` for
 * both; keep `[]` only where the schema requires the array, so protobuf decodes the same JSON shape
 * as the other encodings (a Problem without `errors` stays without `errors`).
 */
function withoutOptionalEmptyArrays(value: unknown, schema: FilterSchema | undefined): unknown {
  if (!schema || value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) {
    for (const item of value) withoutOptionalEmptyArrays(item, schema.items);
    return value;
  }
  const object = value as Record<string, unknown>;
  const required = new Set<string>();
  let properties: Record<string, FilterSchema> = {};
  for (const part of [schema, ...(schema.allOf ?? [])]) {
    for (const name of (part.required as string[] | undefined) ?? []) required.add(name);
    properties = { ...properties, ...(part.properties ?? {}) };
  }
  for (const [key, item] of Object.entries(object)) {
    if (Array.isArray(item) && item.length === 0 && !required.has(key)) delete object[key];
    else withoutOptionalEmptyArrays(item, properties[key]);
  }
  return value;
}

/**
 * Filters a value by its schema and encodes it in the media type. `direction` says which properties
 * the filter drops: writeOnly ones in a response (the default), readOnly ones in a request.
 */
export function encodeBody(
  mediaType: string,
  value: unknown,
  schema: BodySchema | undefined,
  direction: BodyDirection = "response",
): Buffer {
  // A text body (an HTML page, say) is sent as it is, in UTF-8.
  if (essence(mediaType).startsWith("text/") && typeof value === "string") return Buffer.from(value, "utf8");
  const filtered = filterBySchema(value, schema, direction);
  switch (essence(mediaType)) {
    case MSGPACK_TYPE:
      return encodeMsgpack(filtered);
    case PROTOBUF_TYPE: {
      const bytes = encodeProtobuf(protoName(schema), filtered);
      return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    }
    default:
      return Buffer.from(JSON.stringify(filtered));
  }
}

/**
 * Decodes a body of the media type into JSON shape. `complete` fills proto3 defaults (use it for
 * responses). `strict` refuses protobuf fields the message does not have, or with the wrong wire type
 * (use it for requests). Throws MalformedBodyError on bytes that do not decode.
 */
export function decodeBody(
  mediaType: string,
  bytes: Uint8Array,
  schema: BodySchema | undefined,
  complete = false,
  strict = false,
): unknown {
  const type = essence(mediaType);
  try {
    switch (type) {
      case MSGPACK_TYPE:
        return decodeMsgpack(bytes);
      case PROTOBUF_TYPE:
        return withoutOptionalEmptyArrays(decodeProtobuf(protoName(schema), bytes, complete, strict), schema);
      case JSON_TYPE:
      case PROBLEM_TYPE:
        return JSON.parse(Buffer.from(bytes).toString("utf8"));
      default:
        throw new Error(`unsupported media type ${type}`);
    }
  } catch (error) {
    throw new MalformedBodyError(type, error);
  }
}
