import type { OutboundObserver, OutboundOutcome } from "@jeeves/client-kit";
import type { SlackPoster } from "./slack-client.ts";

/** Error codes of a call that took too long (node's, and undici's for an answer that did not come in time). */
const TIMEOUT_CODES: ReadonlySet<string> = new Set([
  "ECONNABORTED",
  "ETIMEDOUT",
  "UND_ERR_HEADERS_TIMEOUT",
  "UND_ERR_BODY_TIMEOUT",
  "UND_ERR_CONNECT_TIMEOUT",
]);

/**
 * The outcome of a failed Slack Web API call (the SDK's error codes): `ok: false` and 429 are the
 * caller's (4xx), an HTTP error its status's class, a request that timed out `timeout`, any other
 * failure `error`.
 */
export function slackOutcome(error: unknown): OutboundOutcome {
  const { code, statusCode, original } = (error ?? {}) as { code?: unknown; statusCode?: unknown; original?: unknown };
  if (code === "slack_webapi_platform_error" || code === "slack_webapi_rate_limited_error") return "4xx";
  if (code === "slack_webapi_http_error" && typeof statusCode === "number") return statusCode >= 500 ? "5xx" : "4xx";
  const cause = (original ?? {}) as { code?: unknown; name?: unknown };
  if (TIMEOUT_CODES.has(String(cause.code)) || cause.name === "TimeoutError") return "timeout";
  return "error";
}

/** A poster that reports each `chat.postMessage` to `observer` (target `slack`); it answers and throws as `poster`. */
export function observedSlackPoster(poster: SlackPoster, observer: OutboundObserver | undefined): SlackPoster {
  if (!observer) return poster;
  return async (token, post) => {
    const started = performance.now();
    try {
      const ts = await poster(token, post);
      observer.observe("ok", (performance.now() - started) / 1000);
      return ts;
    } catch (error) {
      observer.observe(slackOutcome(error), (performance.now() - started) / 1000);
      throw error;
    }
  };
}
