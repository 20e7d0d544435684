import { gunzipSync } from "node:zlib";
import { decodeBody, type Encoding, essence, MEDIA_TYPE_OF, PROBLEM_TYPE, SpecIndex } from "@jeeves/codecs";
import { spec } from "@jeeves/generated/specs/dashboard";
import type { FastifyInstance } from "fastify";

const index = new SpecIndex(spec);

/** A decoded answer. */
export interface WireResponse {
  status: number;
  headers: Record<string, string | string[] | number | undefined>;
  contentType: string;
  // biome-ignore lint/suspicious/noExplicitAny: tests read any field of the JSON-shaped body
  body: any;
}

/** Options of {@link get}. */
export interface GetOptions {
  encoding?: Encoding;
  headers?: Record<string, string>;
}

/**
 * GETs a path of the dashboard service through `inject`, asking for the encoding (JSON by default), and
 * decodes the answer by its Content-Type with the spec's schema, so tests compare plain values.
 */
export async function get(app: FastifyInstance, url: string, options: GetOptions = {}): Promise<WireResponse> {
  const type = MEDIA_TYPE_OF[options.encoding ?? "json"];
  const headers: Record<string, string> = { accept: `${type}, ${PROBLEM_TYPE};q=0.5`, ...options.headers };
  const res = await app.inject({ method: "GET", url, headers });
  const raw = res.headers["content-encoding"] === "gzip" ? gunzipSync(res.rawPayload) : res.rawPayload;
  const contentType = essence(res.headers["content-type"] as string | undefined);
  const path = url.split("?")[0];
  const op = [...index.byId.values()].find((o) => o.path === path);
  const schema = op ? index.response(op, res.statusCode)?.schema : undefined;
  const body = raw.length === 0 ? undefined : decodeBody(contentType, raw, schema, true);
  return { status: res.statusCode, headers: res.headers, contentType, body };
}
