import { gunzipSync, gzipSync } from "node:zlib";
import { decodeBody, encodeBody, essence, MEDIA_TYPE_OF, PROBLEM_TYPE, SpecIndex } from "@jeeves/codecs";
import { spec } from "@jeeves/generated/specs/dataservice";
import type { FastifyInstance } from "fastify";
import { authHeader } from "./helper.ts";

const index = new SpecIndex(spec);

/** One way of talking to the service: an encoding, and gzip on request and response bodies or not. */
export interface Variant {
  name: string;
  encoding: "json" | "msgpack" | "protobuf";
  gzip: boolean;
}

/** Every encoding, with and without gzip both ways. */
export const VARIANTS: Variant[] = (["json", "msgpack", "protobuf"] as const).flatMap((encoding) => [
  { name: `${encoding}`, encoding, gzip: false },
  { name: `${encoding}+gzip`, encoding, gzip: true },
]);

/** A decoded answer. */
export interface WireResponse {
  status: number;
  headers: Record<string, string | string[] | number | undefined>;
  contentType: string;
  /** Whether the body came gzip-compressed. */
  gzipped: boolean;
  // biome-ignore lint/suspicious/noExplicitAny: tests read any field of the JSON-shaped body
  body: any;
}

/**
 * Calls one operation through `inject` with the test client's token (unless `anonymous`), encoding the
 * body as the variant says (the schema is looked up by operationId) and decoding the answer by its
 * Content-Type, so tests compare plain values.
 */
export async function call(
  app: FastifyInstance,
  variant: Variant,
  operationId: string,
  request: { url: string; body?: unknown; headers?: Record<string, string>; anonymous?: boolean },
): Promise<WireResponse> {
  const op = index.operation(operationId);
  const type = MEDIA_TYPE_OF[variant.encoding];
  const headers: Record<string, string> = {
    accept: `${type}, ${PROBLEM_TYPE};q=0.5`,
    ...(request.anonymous ? {} : authHeader(app)),
    ...request.headers,
  };
  if (variant.gzip) headers["accept-encoding"] = "gzip";
  let payload: Buffer | undefined;
  if (request.body !== undefined) {
    payload = encodeBody(type, request.body, op.requestBody?.schema, "request");
    headers["content-type"] = type;
    if (variant.gzip) {
      payload = gzipSync(payload);
      headers["content-encoding"] = "gzip";
    }
  }
  const res = await app.inject({ method: op.method as "GET", url: request.url, headers, payload });
  let raw = res.rawPayload;
  const gzipped = res.headers["content-encoding"] === "gzip";
  if (gzipped) raw = gunzipSync(raw);
  const contentType = essence(res.headers["content-type"] as string | undefined);
  const schema = index.response(op, res.statusCode)?.schema;
  const body = raw.length === 0 ? undefined : decodeBody(contentType, raw, schema, true);
  return { status: res.statusCode, headers: res.headers, contentType, gzipped, body };
}
