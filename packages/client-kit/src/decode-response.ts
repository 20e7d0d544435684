import {
  type BodySchema,
  decodeBody,
  essence,
  JSON_TYPE,
  MSGPACK_TYPE,
  PROBLEM_TYPE,
  PROTOBUF_TYPE,
} from "@jeeves/codecs";
import { gunzip, isGzip } from "./gzip.ts";

/** Statuses whose responses never carry a body. */
const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

function withoutBody(response: Response): Response {
  const headers = new Headers(response.headers);
  headers.set("Content-Length", "0");
  const empty = new Response(null, { status: response.status, statusText: response.statusText, headers });
  Object.defineProperty(empty, "url", { value: response.url });
  return empty;
}

/**
 * Turns a wire response into the JSON one openapi-fetch reads: gunzips a body that is still
 * compressed (Node's fetch decompresses on its own, an injected fetch may not), decodes a MessagePack
 * or protobuf body with the status's schema (proto3 defaults filled), and answers a new Response with
 * the same status and headers, the JSON body and `Content-Type: application/json`. Other bodies
 * (problem+json errors) keep their type. A 304 (or any bodiless status) gets `Content-Length: 0`, so
 * openapi-fetch answers neither `data` nor `error` for it.
 */
export async function decodeResponse(
  response: Response,
  schema: BodySchema | undefined,
  method: string,
): Promise<Response> {
  if (NULL_BODY_STATUSES.has(response.status)) return withoutBody(response);
  if (method === "HEAD") return response;
  // JSON (or a problem) that was not compressed is already what openapi-fetch reads: no copy. Asked
  // before `body`, which a BufferedResponse builds a stream for.
  const wireType = essence(response.headers.get("Content-Type") ?? undefined);
  if (!response.headers.has("Content-Encoding") && (wireType === JSON_TYPE || wireType === PROBLEM_TYPE)) {
    return response;
  }
  if (response.body === null) return response;
  let bytes: Uint8Array = new Uint8Array(await response.arrayBuffer());
  if (isGzip(bytes)) bytes = await gunzip(bytes);
  const headers = new Headers(response.headers);
  headers.delete("Content-Encoding");
  const type = essence(headers.get("Content-Type") ?? undefined);
  if ((type === MSGPACK_TYPE && bytes.length > 0) || type === PROTOBUF_TYPE) {
    bytes = Buffer.from(JSON.stringify(decodeBody(type, bytes, schema, true)));
    headers.set("Content-Type", JSON_TYPE);
  }
  headers.set("Content-Length", String(bytes.byteLength));
  const decoded = new Response(bytes, { status: response.status, statusText: response.statusText, headers });
  Object.defineProperty(decoded, "url", { value: response.url });
  return decoded;
}
