import { tracedUrlFetch } from "@jeeves/client-kit";
import { type Logger, LogLevel, WebClient, type WebClientOptions } from "@slack/web-api";
import { LRUCache } from "lru-cache";

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

/**
 * Adapts pino to the Slack SDK's logger: its warnings and errors are kept, its debug and info lines
 * (which describe every request) dropped.
 */
export function slackLogger(log: WarnLogger): Logger {
  let level = LogLevel.WARN;
  const text = (parts: unknown[]) =>
    parts.map((part) => (part instanceof Error ? part.message : String(part))).join(" ");
  return {
    debug: () => {},
    info: () => {},
    warn: (...parts: unknown[]) => log.warn({ slack: text(parts) }, "Slack Web API client"),
    error: (...parts: unknown[]) => log.error({ slack: text(parts) }, "Slack Web API client"),
    setLevel: (next: LogLevel) => {
      level = next;
    },
    getLevel: () => level,
    setName: () => {},
  };
}

/** Posts one message with a workspace's bot token (see {@link createSlackPoster}). */
export type SlackPoster = (token: string, post: SlackPost) => Promise<string | undefined>;

/** The global fetch in a client span (see tracedUrlFetch of @jeeves/client-kit). */
const slackFetch: WebClientOptions["fetch"] = tracedUrlFetch(
  (url: string | URL, init?: { method?: string; headers?: Record<string, string> }) => fetch(url, init as RequestInit),
);

/** Bot tokens whose client is kept (the least recently used goes first); one per installed workspace, so a bound. */
const MAX_CLIENTS = 1000;

/**
 * A poster that calls `chat.postMessage` once with the workspace's bot token and answers the message's
 * `ts`, keeping one SDK client per token (a client holds its HTTP agent and request queue, so it is
 * made once, not per reply). The SDK neither retries nor waits out rate limits (the bus does both): an
 * `ok: false` answer rejects with `WebAPIPlatformError`, a 429 with `WebAPIRateLimitedError` (its
 * `retryAfter` in seconds), another HTTP status with `WebAPIHTTPError`, a network failure with
 * `WebAPIRequestError`.
 */
export function createSlackPoster(options: { slackApiUrl: string; log: WarnLogger }): SlackPoster {
  const clients = new LRUCache<string, WebClient>({ max: MAX_CLIENTS });
  const clientFor = (token: string) => {
    let client = clients.get(token);
    if (!client) {
      client = new WebClient(token, {
        slackApiUrl: options.slackApiUrl,
        retryConfig: { retries: 0 },
        rejectRateLimitedCalls: true,
        logger: slackLogger(options.log),
        // A client span per call, its traceparent sent along (the reply's trace goes on to Slack's call).
        fetch: slackFetch,
      });
      clients.set(token, client);
    }
    return client;
  };
  return async (token, post) => {
    const result = await clientFor(token).chat.postMessage({
      channel: post.channel,
      text: post.text,
      ...(post.threadTs ? { thread_ts: post.threadTs } : {}),
    });
    return result.ts;
  };
}
