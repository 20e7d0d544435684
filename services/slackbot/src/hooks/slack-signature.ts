import { Readable } from "node:stream";
import type { FastifyReply, FastifyRequest } from "fastify";
import { verifySlackSignature } from "../domain/slack-signature.ts";
import { ERR } from "../errors.ts";

/** What fastify hands a preParsing hook: the body stream, with the length received on the wire. */
type Payload = Readable & { receivedEncodedLength?: number };

/** Options of {@link slackSignatureHook}. */
export interface SlackSignatureHookOptions {
  /** The Slack app's signing secret. */
  signingSecret: string;
  /** The clock, in milliseconds. */
  now: () => number;
}

const DEFAULT_BODY_LIMIT = 1024 * 1024;

function header(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return typeof value === "string" ? value : undefined;
}

async function readBody(payload: Payload, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of payload) {
    const bytes = typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer);
    length += bytes.length;
    if (length > limit) {
      payload.destroy();
      throw ERR.BODY_TOO_LARGE({ detail: `the body is larger than ${limit} bytes` });
    }
    chunks.push(bytes);
  }
  return Buffer.concat(chunks, length);
}

/**
 * The preParsing hook of `receiveSlackEvent`: reads the raw body (within the route's body limit: 413
 * beyond it), verifies Slack's `v0` signature over exactly those bytes before anything parses them
 * (401 when it is missing, stale, malformed or wrong, so even an unparseable forgery gets 401), and
 * hands fastify a new stream of the same bytes to parse.
 */
export function slackSignatureHook(options: SlackSignatureHookOptions) {
  if (options.signingSecret.length === 0) throw new Error("the Slack signing secret must not be empty");
  return async (request: FastifyRequest, _reply: FastifyReply, payload: Payload): Promise<Payload> => {
    const limit = request.routeOptions.bodyLimit ?? DEFAULT_BODY_LIMIT;
    if (Number(request.headers["content-length"]) > limit) {
      throw ERR.BODY_TOO_LARGE({ detail: `the body is larger than ${limit} bytes` });
    }
    const raw = await readBody(payload, limit);
    const check = verifySlackSignature({
      signingSecret: options.signingSecret,
      timestamp: header(request, "x-slack-request-timestamp"),
      signature: header(request, "x-slack-signature"),
      rawBody: raw,
      nowSeconds: Math.floor(options.now() / 1000),
    });
    if (!check.ok) {
      throw ERR.BAD_SIGNATURE({ detail: `the request is not signed by Slack (${check.reason})` });
    }
    // fastify compares Content-Length with what was received on the wire (compressed, if it was).
    return Object.assign(Readable.from([raw]), { receivedEncodedLength: payload.receivedEncodedLength ?? raw.length });
  };
}
