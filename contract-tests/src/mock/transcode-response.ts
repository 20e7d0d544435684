import {
  encodeBody,
  essence,
  JSON_TYPE,
  MSGPACK_TYPE,
  negotiate,
  type OperationSpec,
  PROBLEM_TYPE,
  PROTOBUF_TYPE,
  type SpecIndex,
} from "@jeeves/codecs";

const TRANSCODED = new Set<string>([MSGPACK_TYPE, PROTOBUF_TYPE]);

/** What the front asks Prism for when the caller wants MessagePack or protobuf (Prism only writes JSON). */
export const PRISM_ACCEPT = `${JSON_TYPE}, ${PROBLEM_TYPE};q=0.9`;

/**
 * The media type the front will answer a success in, when it must transcode: the operation's offered
 * success type the caller's Accept prefers, if that is MessagePack or protobuf. Undefined when Prism can
 * answer the caller's Accept by itself (JSON, nothing acceptable, an unknown operation).
 */
export function transcodedType(accept: string | undefined, operation: OperationSpec | undefined): string | undefined {
  if (!operation) return undefined;
  const chosen = negotiate(accept, operation.successTypes);
  return chosen && TRANSCODED.has(chosen) ? chosen : undefined;
}

/** A response body and its Content-Type, as the caller gets it. */
export interface CallerBody {
  body: Buffer;
  contentType: string | undefined;
}

/**
 * Re-encodes Prism's JSON answer in `wanted` (MessagePack or protobuf) with the schema of the status,
 * when that status offers `wanted`. Everything else (problem+json, Prism's own errors, statuses that
 * only offer JSON, empty bodies) is passed through as Prism wrote it. Throws when the JSON does not
 * encode (an example the protobuf message cannot carry).
 */
export function toCallerBody(
  index: SpecIndex,
  operation: OperationSpec | undefined,
  wanted: string | undefined,
  status: number,
  body: Buffer,
  contentType: string | undefined,
): CallerBody {
  if (!operation || !wanted || body.length === 0 || essence(contentType) !== JSON_TYPE) return { body, contentType };
  const response = index.response(operation, status);
  if (!response?.mediaTypes.includes(wanted)) return { body, contentType };
  const value = JSON.parse(body.toString("utf8")) as unknown;
  return { body: encodeBody(wanted, value, response.schema, "response"), contentType: wanted };
}
