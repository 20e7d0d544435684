import { gunzipSync, gzipSync } from "node:zlib";
import {
  BODY_TYPES,
  decodeBody,
  encodeBody,
  essence,
  negotiate,
  type OperationSpec,
  PROBLEM_TYPE,
  SpecIndex,
} from "@jeeves/codecs";
import { spec } from "@jeeves/generated/specs/dataservice";

/** The dataservice spec, indexed once for every fake. */
export const index = new SpecIndex(spec);

/** One request as the fake server saw it on the wire. */
export interface WireCall {
  method: string;
  url: URL;
  headers: Record<string, string>;
  /** The body bytes exactly as sent (compressed when Content-Encoding says so). */
  raw: Uint8Array;
  /** The body after Content-Encoding and Content-Type were undone (text for other types); undefined without one. */
  body: unknown;
  operation: OperationSpec | undefined;
}

/** What a test's handler answers: a status and a JSON-shaped body the fake encodes as asked. */
export interface FakeReply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** One response as the fake sent it on the wire. */
export interface WireReply {
  status: number;
  headers: Record<string, string>;
  raw: Uint8Array;
}

/** Options of the fake server. */
export interface FakeServerOptions {
  /** Whether to gzip bodies when the request says `Accept-Encoding: gzip` (default true). */
  compress?: boolean;
}

function findOperation(method: string, pathname: string): OperationSpec | undefined {
  for (const op of index.byRoute.values()) {
    const pattern = new RegExp(`^${op.path.replace(/\{[^{}]+\}/g, "[^/]+")}$`);
    if (op.method === method && pattern.test(pathname)) return op;
  }
  return undefined;
}

async function readCall(request: Request): Promise<WireCall> {
  const url = new URL(request.url);
  const headers = Object.fromEntries(request.headers);
  const raw = new Uint8Array(await request.arrayBuffer());
  const operation = findOperation(request.method, url.pathname);
  let body: unknown;
  if (raw.length > 0) {
    const bytes = headers["content-encoding"] === "gzip" ? gunzipSync(raw) : raw;
    const type = essence(headers["content-type"]);
    body = (BODY_TYPES as readonly string[]).includes(type)
      ? decodeBody(type, bytes, operation?.requestBody?.schema, false)
      : Buffer.from(bytes).toString("utf8");
  }
  return { method: request.method, url, headers, raw, body, operation };
}

function writeReply(call: WireCall, reply: FakeReply, options: FakeServerOptions): WireReply {
  const headers: Record<string, string> = { ...reply.headers };
  if (reply.status === 204 || reply.status === 304 || reply.body === undefined) {
    return { status: reply.status, headers, raw: new Uint8Array() };
  }
  let raw: Uint8Array;
  if (reply.status >= 400) {
    headers["content-type"] = PROBLEM_TYPE;
    raw = Buffer.from(JSON.stringify(reply.body));
  } else {
    const spec = call.operation ? index.response(call.operation, reply.status) : undefined;
    const type = negotiate(call.headers.accept, spec?.mediaTypes ?? []);
    if (!spec || !type) throw new Error(`the fake cannot answer ${reply.status} to ${call.headers.accept}`);
    headers["content-type"] = type;
    raw = encodeBody(type, reply.body, spec.schema);
  }
  if (options.compress !== false && /\bgzip\b/.test(call.headers["accept-encoding"] ?? "")) {
    raw = gzipSync(raw);
    headers["content-encoding"] = "gzip";
  }
  return { status: reply.status, headers, raw };
}

/**
 * A fetch that plays a dataservice: it decodes each request as its headers say, lets the handler
 * answer in JSON shape, and encodes the answer in the type the Accept header asks for (gzip when
 * asked). Like an injected fetch, it never decompresses anything for the client.
 */
export function fakeServer(handle: (call: WireCall) => FakeReply, options: FakeServerOptions = {}) {
  const calls: WireCall[] = [];
  const replies: WireReply[] = [];
  const fetch = async (request: Request): Promise<Response> => {
    const call = await readCall(request);
    calls.push(call);
    const reply = writeReply(call, handle(call), options);
    replies.push(reply);
    const empty = reply.status === 204 || reply.status === 304;
    return new Response(empty ? null : reply.raw, { status: reply.status, headers: reply.headers });
  };
  return { fetch, calls, replies };
}
