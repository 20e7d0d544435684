import { gzipSync } from "node:zlib";
import {
  encodeBody,
  essence,
  JSON_TYPE,
  MSGPACK_TYPE,
  PROBLEM_TYPE,
  PROTOBUF_TYPE,
  type SpecIndex,
} from "@jeeves/codecs";
import { FORM_TYPE } from "@jeeves/service-kit";
import type { PlannedTransaction } from "../plan.ts";
import type { RequestSpec } from "../providers/types.ts";
import { type DreddTransaction, setHeader } from "./dredd-api.ts";
import type { EtagStash } from "./etag-stash.ts";
import { requestMedia } from "./spec-lookup.ts";

/** An ETag no resource ever has: the 412 fallback when no earlier one went stale. */
export const NEVER_CURRENT_ETAG = '"0-stale"';

/** The concrete path of a request: the template with its parameters, URL-encoded. */
export function concretePath(template: string, params: Record<string, string>): string {
  return template.replace(/\{([^{}]+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`no value for path parameter ${name}`);
    return encodeURIComponent(value);
  });
}

/** Encodes a request body in its media type: JSON as written (even when invalid), MessagePack, protobuf, a form. */
export function encodeRequestBody(
  index: SpecIndex,
  transaction: PlannedTransaction,
  request: RequestSpec,
): Buffer | undefined {
  if (request.rawBody) return request.rawBody;
  if (request.body === undefined) return undefined;
  const type = essence(request.contentType);
  switch (type) {
    case JSON_TYPE:
    case PROBLEM_TYPE:
      return Buffer.from(JSON.stringify(request.body));
    case FORM_TYPE:
      return Buffer.from(
        new URLSearchParams(
          Object.entries(request.body as Record<string, unknown>).map(([key, value]): [string, string] => [
            key,
            String(value),
          ]),
        ).toString(),
      );
    case MSGPACK_TYPE:
    case PROTOBUF_TYPE:
      return encodeBody(type, request.body, requestMedia(index, transaction.operation, type)?.schema, "request");
    default:
      throw new Error(`cannot encode a request body as ${request.contentType}`);
  }
}

const TEXT_TYPES = new Set([JSON_TYPE, PROBLEM_TYPE, FORM_TYPE, "text/plain"]);

/**
 * Writes a request into Dredd's transaction: the URI from the path template, parameters and query; the
 * Accept, Content-Type and Authorization headers; the conditional header from the ETag stash; the body
 * encoded in its media type; and for the gzip variant a gzip body with `Content-Encoding: gzip` and
 * `Accept-Encoding: gzip`. Answers the concrete path (the ETag stash's key).
 */
export function writeRequest(
  target: DreddTransaction,
  planned: PlannedTransaction,
  request: RequestSpec,
  context: { index: SpecIndex; stash: EtagStash; authorization: string | undefined },
): string {
  const path = concretePath(planned.operation.path, request.params);
  const query = new URLSearchParams(request.query).toString();
  const uri = query ? `${path}?${query}` : path;
  target.request.uri = uri;
  target.fullPath = uri;
  target.id = `${target.request.method} (${planned.status}) ${uri}`;
  const headers = target.request.headers;
  setHeader(headers, "Accept", request.accept);
  setHeader(headers, "Authorization", context.authorization);
  for (const [name, value] of Object.entries(request.headers)) setHeader(headers, name, value);
  if (request.conditional) {
    const { header, etag } = request.conditional;
    const value = etag === "latest" ? context.stash.latest(path) : (context.stash.stale(path) ?? NEVER_CURRENT_ETAG);
    if (value === undefined) throw new Error(`no earlier response carried an ETag for ${path}`);
    setHeader(headers, header, value);
  }
  const gzip = planned.variant === "gzip";
  setHeader(headers, "Accept-Encoding", gzip ? "gzip" : undefined);
  let body = encodeRequestBody(context.index, planned, request);
  setHeader(headers, "Content-Type", body ? request.contentType : undefined);
  if (body && gzip) {
    body = gzipSync(body);
    setHeader(headers, "Content-Encoding", "gzip");
  }
  const text = body !== undefined && !gzip && TEXT_TYPES.has(essence(request.contentType));
  target.request.body = body ? body.toString(text ? "utf8" : "base64") : "";
  target.request.bodyEncoding = text || !body ? "utf-8" : "base64";
  return path;
}
