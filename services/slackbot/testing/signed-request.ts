import { signSlackRequest } from "../src/domain/slack-signature.ts";

/** Headers and payload of a request as Slack would sign it, for `app.inject` or fetch. */
export interface SignedSlackRequest {
  headers: Record<string, string>;
  payload: string;
}

/**
 * Signs a body the way Slack does (`v0=` HMAC-SHA256 of `v0:<timestamp>:<body>`). `body` is sent as is
 * when a string, else as JSON; `timestamp` (Unix seconds) defaults to now.
 */
export function signedSlackRequest(
  secret: string,
  body: unknown,
  options: { timestamp?: number | string } = {},
): SignedSlackRequest {
  const payload = typeof body === "string" ? body : JSON.stringify(body);
  const timestamp = String(options.timestamp ?? Math.floor(Date.now() / 1000));
  return {
    headers: {
      "content-type": "application/json",
      "x-slack-request-timestamp": timestamp,
      "x-slack-signature": signSlackRequest(secret, timestamp, payload),
    },
    payload,
  };
}
