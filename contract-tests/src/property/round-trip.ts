import { type BodySchema, decodeBody, type Encoding, encodeBody, MEDIA_TYPE_OF } from "@jeeves/codecs";

/**
 * Encodes a value with the codecs in each encoding (JSON, MessagePack, protobuf) and decodes it back as
 * a client does (proto3 defaults filled): the decoded value per encoding, to compare with what was sent.
 */
export function roundTrips(
  value: unknown,
  schema: BodySchema,
  direction: "request" | "response",
): Record<Encoding, unknown> {
  const decode = (encoding: Encoding) => {
    const type = MEDIA_TYPE_OF[encoding];
    return decodeBody(type, encodeBody(type, value, schema, direction), schema, true);
  };
  return { json: decode("json"), msgpack: decode("msgpack"), protobuf: decode("protobuf") };
}
