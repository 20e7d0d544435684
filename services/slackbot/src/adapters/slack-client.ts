import { STATUS_CODES } from "node:http";
import { pooledRequest, tracedUrlFetch } from "@jeeves/client-kit";
import {
  type ChatPostMessageResponse,
  WebAPIHTTPError,
  WebAPIPlatformError,
  WebAPIRateLimitedError,
  WebAPIRequestError,
} from "@slack/web-api";

/** The part of a pino logger the Slack client's messages go to. */
export interface WarnLogger {
  warn(fields: Record<string, unknown>, message: string): void;
  error(fields: Record<string, unknown>, message: string): void;
}

/** What to post: where (a channel, or a user for a direct message), the text, and the thread. */
export interface SlackPost {
  channel: string;
  text: string;
  threadTs?: string;
}

/** Posts one message with a workspace's bot token (see {@link createSlackPoster}). */
export type SlackPoster = (token: string, post: SlackPost) => Promise<string | undefined>;

/** How long Slack may take to start answering, and then between two chunks of its answer: then the post fails (retried). */
export const SLACK_TIMEOUT_MS = 30_000;

interface SlackAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

interface SendInit {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  timeoutMs: number;
}

/** A POST with undici's `request` on the keep-alive pool (no WHATWG Request, Response or AbortSignal). */
async function send(url: string | URL, init?: SendInit): Promise<SlackAnswer> {
  const answer = await pooledRequest(String(url), {
    method: "POST",
    headers: init?.headers,
    body: init?.body,
    headersTimeout: init?.timeoutMs ?? SLACK_TIMEOUT_MS,
    bodyTimeout: init?.timeoutMs ?? SLACK_TIMEOUT_MS,
  });
  return { status: answer.statusCode, headers: answer.headers, text: await answer.body.text() };
}

/** {@link send} in a client span, its traceparent sent along (the reply's trace goes on to Slack's call). */
const tracedSend = tracedUrlFetch(send);

function header(answer: SlackAnswer, name: string): string | undefined {
  const value = answer.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** The answer's headers as the SDK's HTTP error carries them (one string each). */
function flatHeaders(answer: SlackAnswer): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(answer.headers)) {
    if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(", ") : value;
  }
  return flat;
}

/**
 * A poster that calls `chat.postMessage` once with the workspace's bot token (a bearer header, the
 * message as JSON, as specs/openapi/external/slack-web-api.yaml describes it) and answers the message's
 * `ts`. It neither retries nor waits out rate limits (the bus does both), and fails as the Slack SDK's
 * WebClient would (the same error classes, which the reply poster and the metrics read): an `ok: false`
 * answer rejects with `WebAPIPlatformError`, a 429 with `WebAPIRateLimitedError` (its `retryAfter` in
 * seconds), another HTTP status with `WebAPIHTTPError`, a network failure, a timeout (see
 * {@link SLACK_TIMEOUT_MS}) or an answer that is not JSON with `WebAPIRequestError`. Slack's
 * `response_metadata.warnings` are logged as warnings.
 *
 * It posts with undici on the process's keep-alive connections rather than through the SDK's WebClient:
 * the WebClient's request queue, retry wrapper, form encoding, debug strings built for every call and
 * WHATWG fetch cost ~210 µs of CPU a post against ~40 µs here, a fifth of the one-process suite's CPU at
 * 500 Slack events a second (bench/RESULTS.md).
 */
export function createSlackPoster(options: { slackApiUrl: string; log: WarnLogger; timeoutMs?: number }): SlackPoster {
  const url = new URL("chat.postMessage", options.slackApiUrl).href;
  const timeoutMs = options.timeoutMs ?? SLACK_TIMEOUT_MS;
  return async (token, post) => {
    const body = JSON.stringify({
      channel: post.channel,
      text: post.text,
      ...(post.threadTs ? { thread_ts: post.threadTs } : {}),
    });
    let answer: SlackAnswer;
    try {
      answer = await tracedSend(url, {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json; charset=utf-8" },
        body,
        timeoutMs,
      });
    } catch (error) {
      throw new WebAPIRequestError(error instanceof Error ? error : new Error(String(error)));
    }
    if (answer.status === 429) {
      const retryAfter = Number.parseInt(header(answer, "retry-after") ?? "", 10);
      if (!Number.isNaN(retryAfter)) throw new WebAPIRateLimitedError(retryAfter);
    }
    if (answer.status !== 200) {
      throw new WebAPIHTTPError(answer.status, STATUS_CODES[answer.status] ?? "", flatHeaders(answer), answer.text);
    }
    let result: ChatPostMessageResponse;
    try {
      result = JSON.parse(answer.text) as ChatPostMessageResponse;
    } catch {
      throw new WebAPIRequestError(new Error("chat.postMessage answered HTTP 200 with a body that is not JSON"));
    }
    const warnings = result.response_metadata?.warnings;
    if (warnings?.length) options.log.warn({ slack: warnings.join(", ") }, "Slack Web API warnings");
    if (!result.ok) throw new WebAPIPlatformError({ ...result, error: result.error ?? "unknown_error" });
    return result.ts;
  };
}
