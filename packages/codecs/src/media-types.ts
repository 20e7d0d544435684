/** The media types every Jeeves body is offered in, and the one errors use. */
export const JSON_TYPE = "application/json";
export const MSGPACK_TYPE = "application/msgpack";
export const PROTOBUF_TYPE = "application/x-protobuf";
export const PROBLEM_TYPE = "application/problem+json";

/** The body encodings, in order of preference when the caller does not say. */
export const BODY_TYPES = [JSON_TYPE, MSGPACK_TYPE, PROTOBUF_TYPE] as const;

/** One of the body media types. */
export type BodyType = (typeof BODY_TYPES)[number];

/** Short names of the encodings, as clients choose them. */
export type Encoding = "json" | "msgpack" | "protobuf";

/** The media type of an encoding name. */
export const MEDIA_TYPE_OF: Record<Encoding, BodyType> = {
  json: JSON_TYPE,
  msgpack: MSGPACK_TYPE,
  protobuf: PROTOBUF_TYPE,
};

/** The bare media type of a Content-Type header: lower-cased, without parameters such as charset. */
export function essence(contentType: string | undefined): string {
  return (contentType ?? "").split(";")[0].trim().toLowerCase();
}
