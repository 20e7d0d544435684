import { Agent, request as httpRequest } from "node:http";
import { connect } from "node:net";
import type { FastifyInstance } from "fastify";
import type { FuzzAnswer, FuzzRequest } from "./fuzz-request.ts";

/** Sends one request and measures the answer. */
export type Sender = (request: FuzzRequest) => Promise<FuzzAnswer>;

/** How long the fuzzer waits for any answer before it calls it a crash (twice the slowness bound). */
export const NO_ANSWER_MS = 10_000;

function flatHeaders(headers: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) out[name.toLowerCase()] = Array.isArray(value) ? value.join(", ") : String(value);
  }
  return out;
}

function withDeadline<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${NO_ANSWER_MS} ms (${what})`)), NO_ANSWER_MS);
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}

/** Sends in-process with `app.inject` (no socket: fast, and the app's own errors surface as rejections). */
export function injectSender(app: FastifyInstance): Sender {
  return async (request) => {
    const started = performance.now();
    try {
      const response = await withDeadline(
        app.inject({
          method: request.method as "GET",
          url: request.url,
          headers: request.headers,
          ...(request.body === undefined ? {} : { payload: request.body }),
        }),
        "inject",
      );
      return {
        status: response.statusCode,
        headers: flatHeaders(response.headers),
        body: response.rawPayload,
        ms: performance.now() - started,
      };
    } catch (error) {
      return { status: 0, headers: {}, body: Buffer.alloc(0), ms: performance.now() - started, error: String(error) };
    }
  };
}

/** The request's headers, with Content-Length when it has a body and no framing of its own. */
function framed(request: FuzzRequest): Record<string, string> {
  const names = Object.keys(request.headers).map((name) => name.toLowerCase());
  if (request.body === undefined || names.includes("content-length") || names.includes("transfer-encoding")) {
    return request.headers;
  }
  return { ...request.headers, "content-length": String(request.body.length) };
}

/**
 * Sends over HTTP to `baseUrl`, a new connection per request (a request the server refuses may close its
 * connection: a kept-alive one would fail the next request); a request node:http refuses to write is
 * answered status -1. The body is framed by Content-Length unless the request sets its own framing.
 */
export function httpSender(baseUrl: string): Sender & { close(): void } {
  const agent = new Agent({ keepAlive: false });
  const base = new URL(baseUrl);
  const send = async (request: FuzzRequest): Promise<FuzzAnswer> => {
    const started = performance.now();
    let outgoing: ReturnType<typeof httpRequest>;
    try {
      outgoing = httpRequest({
        agent,
        host: base.hostname,
        port: base.port,
        method: request.method,
        path: request.url,
        headers: framed(request),
      });
      outgoing.setNoDelay(true);
    } catch (error) {
      return { status: -1, headers: {}, body: Buffer.alloc(0), ms: 0, error: `unsendable: ${String(error)}` };
    }
    const answer = new Promise<FuzzAnswer>((resolve, reject) => {
      outgoing.on("error", reject);
      outgoing.on("response", (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("error", reject);
        response.on("end", () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: flatHeaders(response.headers),
            body: Buffer.concat(chunks),
            ms: performance.now() - started,
          }),
        );
      });
    });
    outgoing.end(request.body);
    try {
      return await withDeadline(answer, "http");
    } catch (error) {
      outgoing.destroy();
      return { status: 0, headers: {}, body: Buffer.alloc(0), ms: performance.now() - started, error: String(error) };
    }
  };
  return Object.assign(send, { close: () => agent.destroy() });
}

/** Parses a raw HTTP/1.1 answer (Content-Length, chunked or read to the end). */
function parseRaw(bytes: Buffer): Omit<FuzzAnswer, "ms"> {
  const end = bytes.indexOf("\r\n\r\n");
  if (end < 0)
    return { status: 0, headers: {}, body: Buffer.alloc(0), error: `no HTTP answer (${bytes.length} bytes)` };
  const [statusLine, ...lines] = bytes.subarray(0, end).toString("latin1").split("\r\n");
  const status = Number(statusLine.split(" ")[1]);
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(":");
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  let body = bytes.subarray(end + 4);
  if (headers["transfer-encoding"]?.includes("chunked")) {
    const parts: Buffer[] = [];
    let at = 0;
    for (;;) {
      const lineEnd = body.indexOf("\r\n", at);
      if (lineEnd < 0) break;
      const size = Number.parseInt(body.subarray(at, lineEnd).toString(), 16);
      if (!size) break;
      parts.push(body.subarray(lineEnd + 2, lineEnd + 2 + size));
      at = lineEnd + 2 + size + 2;
    }
    body = Buffer.concat(parts);
  } else if (headers["content-length"] !== undefined) {
    body = body.subarray(0, Number(headers["content-length"]));
  }
  return { status, headers, body };
}

/** Sends `request.raw` as is over a new socket to `baseUrl` and reads until the server closes it. */
export function rawSender(baseUrl: string): Sender {
  const base = new URL(baseUrl);
  return (request) =>
    new Promise((resolve) => {
      const started = performance.now();
      const chunks: Buffer[] = [];
      let done = false;
      const finish = (error?: string) => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        socket.destroy();
        const ms = performance.now() - started;
        const parsed = parseRaw(Buffer.concat(chunks));
        resolve(error && parsed.status === 0 ? { ...parsed, ms, error } : { ...parsed, ms });
      };
      const socket = connect(Number(base.port), base.hostname, () => socket.write(request.raw ?? Buffer.alloc(0)));
      const timer = setTimeout(() => finish(`no answer within ${NO_ANSWER_MS} ms (raw http)`), NO_ANSWER_MS);
      socket.on("data", (chunk: Buffer) => {
        chunks.push(chunk);
        // A whole answer with Content-Length is enough: keep-alive would keep the socket open.
        const parsed = parseRaw(Buffer.concat(chunks));
        const length = parsed.headers["content-length"];
        if (parsed.status > 0 && length !== undefined && parsed.body.length >= Number(length)) finish();
      });
      socket.on("end", () => finish());
      socket.on("error", (error) => finish(String(error)));
    });
}
