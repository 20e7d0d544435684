import {
  Agent,
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type OutgoingHttpHeaders,
  request,
  type Server,
  type ServerResponse,
} from "node:http";
import { gzipSync } from "node:zlib";
import type { SpecIndex } from "@jeeves/codecs";
import { acceptsGzip } from "./accept-encoding.ts";
import { sendFrontProblem } from "./problem.ts";
import { problemWithViolations } from "./problem-with-violations.ts";
import { RouteMatcher } from "./route-matcher.ts";
import { toPrismBody } from "./transcode-request.ts";
import { PRISM_ACCEPT, toCallerBody, transcodedType } from "./transcode-response.ts";

/** Bodies above this many bytes are gzipped for a caller that accepts gzip. */
export const GZIP_MIN_BYTES = 1024;

/** Headers that describe one hop or one body encoding: the front sets its own. */
const HOP_HEADERS = new Set([
  "host",
  "connection",
  "keep-alive",
  "transfer-encoding",
  "te",
  "trailer",
  "upgrade",
  "proxy-connection",
  "content-length",
  "content-encoding",
  "accept-encoding",
]);

interface PrismAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

function readAll(stream: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on("data", (chunk: Buffer) => chunks.push(chunk));
    stream.on("end", () => resolve(Buffer.concat(chunks)));
    stream.on("error", reject);
  });
}

function copyHeaders(headers: IncomingHttpHeaders): OutgoingHttpHeaders {
  const out: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined && !HOP_HEADERS.has(name)) out[name] = value;
  }
  return out;
}

function ask(agent: Agent, prism: URL, method: string, path: string, headers: OutgoingHttpHeaders, body: Buffer) {
  return new Promise<PrismAnswer>((resolve, reject) => {
    const outgoing = request({ agent, host: prism.hostname, port: prism.port, method, path, headers }, (incoming) => {
      readAll(incoming).then(
        (bytes) => resolve({ status: incoming.statusCode ?? 502, headers: incoming.headers, body: bytes }),
        reject,
      );
    });
    outgoing.on("error", reject);
    outgoing.end(body.length > 0 ? body : undefined);
  });
}

/** What the front needs: the spec's index and where Prism listens. */
export interface FrontOptions {
  index: SpecIndex;
  prismUrl: string;
}

/**
 * The HTTP server callers talk to, in front of Prism (which only speaks JSON): request bodies in
 * MessagePack or protobuf (gzip or not) are decoded to JSON with the operation's request schema; the
 * answer is asked of Prism in JSON and re-encoded in the type the caller's Accept prefers, with the
 * schema of the status; bodies above 1 KiB are gzipped for callers that accept it. A refusal's canned
 * problem example is rewritten to say what Prism's `sl-violations` header says (see
 * `problemWithViolations`). Everything else (Prefer, Authorization, problem+json, `sl-violations`
 * itself) passes through.
 */
export function createFront(options: FrontOptions): Server {
  const { index } = options;
  const prism = new URL(options.prismUrl);
  const routes = new RouteMatcher(index);
  const agent = new Agent({ keepAlive: true });

  async function handle(incoming: IncomingMessage, reply: ServerResponse): Promise<void> {
    const method = incoming.method ?? "GET";
    const path = incoming.url ?? "/";
    const operation = routes.match(method, path);
    const raw = await readAll(incoming);
    const prepared = toPrismBody(
      raw,
      incoming.headers["content-type"],
      incoming.headers["content-encoding"],
      operation,
    );
    if (!prepared.ok) return sendFrontProblem(reply, prepared.status, prepared.reason, prepared.detail);

    const headers = copyHeaders(incoming.headers);
    if (prepared.contentType) headers["content-type"] = prepared.contentType;
    if (prepared.body.length > 0 || raw.length > 0) headers["content-length"] = String(prepared.body.length);
    const wanted = transcodedType(incoming.headers.accept, operation);
    if (wanted) headers.accept = PRISM_ACCEPT;

    let answer: PrismAnswer;
    try {
      answer = await ask(agent, prism, method, path, headers, prepared.body);
    } catch (error) {
      return sendFrontProblem(reply, 502, "prism-unreachable", (error as Error).message);
    }

    let body: Buffer;
    let contentType: string | undefined;
    try {
      ({ body, contentType } = toCallerBody(
        index,
        operation,
        wanted,
        answer.status,
        problemWithViolations(
          answer.status,
          answer.body,
          answer.headers["content-type"],
          answer.headers["sl-violations"],
        ),
        answer.headers["content-type"],
      ));
    } catch (error) {
      return sendFrontProblem(reply, 500, "cannot-encode-response", (error as Error).message);
    }
    const out = copyHeaders(answer.headers);
    if (contentType) out["content-type"] = contentType;
    out.vary = "Accept, Accept-Encoding";
    if (body.length > GZIP_MIN_BYTES && acceptsGzip(incoming.headers["accept-encoding"])) {
      body = gzipSync(body);
      out["content-encoding"] = "gzip";
    }
    const bodiless = method === "HEAD" || answer.status === 204 || answer.status === 304;
    if (!bodiless) out["content-length"] = String(body.length);
    else if (method === "HEAD" && answer.headers["content-length"])
      out["content-length"] = answer.headers["content-length"];
    reply.writeHead(answer.status, out);
    reply.end(bodiless ? undefined : body);
  }

  const server = createServer((incoming, reply) => {
    handle(incoming, reply).catch((error: unknown) => {
      if (!reply.headersSent) sendFrontProblem(reply, 500, "front-error", String(error));
      else reply.destroy();
    });
  });
  server.on("close", () => agent.destroy());
  return server;
}
