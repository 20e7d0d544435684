export { type BodySchema, decodeBody, encodeBody, MalformedBodyError } from "./body-codec.ts";
export { dereference } from "./dereference.ts";
export * from "./media-types.ts";
export { decodeMsgpack, encodeMsgpack } from "./msgpack.ts";
export { type MediaRange, negotiate, parseAccept } from "./negotiate.ts";
export { decodeProtobuf, encodeProtobuf, messageClass } from "./protobuf.ts";
export {
  type FieldKind,
  type FieldShape,
  type MessageClass,
  type MessageShape,
  messageShape,
} from "./protobuf-fields.ts";
export { assertFitsMessage, ProtobufEncodeError } from "./protobuf-value.ts";
export { type BodyDirection, type FilterSchema, filterBySchema, undeclaredProperties } from "./schema-filter.ts";
export { type BodySpec, type OperationSpec, SpecIndex } from "./spec-index.ts";
