import { createHmac, timingSafeEqual } from "node:crypto";

/** How far (in seconds, either direction) a request timestamp may be from now before it is refused. */
export const MAX_CLOCK_SKEW_SECONDS = 300;

/** What {@link verifySlackSignature} needs: the app's signing secret and the request as it arrived. */
export interface SlackSignatureInput {
  /** The app's signing secret (Slack app settings → Basic Information). Must not be empty. */
  signingSecret: string;
  /** The `X-Slack-Request-Timestamp` header (Unix seconds), if any. */
  timestamp: string | undefined;
  /** The request body exactly as received, before any parsing. */
  rawBody: Buffer | string;
  /** The `X-Slack-Signature` header (`v0=<hex>`), if any. */
  signature: string | undefined;
  /** The current time in Unix seconds. */
  nowSeconds: number;
}

/** Why a request failed verification: a header is absent, too old/new, not a number, or the HMAC differs. */
export type SignatureFailure = "missing" | "stale" | "malformed" | "mismatch";

/** The outcome of {@link verifySlackSignature}. */
export type SignatureCheck = { ok: true } | { ok: false; reason: SignatureFailure };

/** Computes Slack's `v0=` signature: hex HMAC-SHA256(signing secret, `v0:<timestamp>:<raw body>`). */
export function signSlackRequest(signingSecret: string, timestamp: string, rawBody: Buffer | string): string {
  const hmac = createHmac("sha256", signingSecret);
  hmac.update(`v0:${timestamp}:`);
  hmac.update(rawBody);
  return `v0=${hmac.digest("hex")}`;
}

/**
 * Verifies a request from Slack ("Verifying requests from Slack"): both headers present, the timestamp an
 * integer number of seconds within {@link MAX_CLOCK_SKEW_SECONDS} of now (either direction), and the
 * signature equal, in constant time, to the one computed over the raw body. Never throws on request data;
 * throws only when the signing secret is empty (a configuration error that would make every forgery pass).
 */
export function verifySlackSignature(input: SlackSignatureInput): SignatureCheck {
  const { signingSecret, timestamp, rawBody, signature, nowSeconds } = input;
  if (signingSecret.length === 0) throw new Error("the Slack signing secret must not be empty");
  if (!timestamp || !signature) return { ok: false, reason: "missing" };
  if (!/^\d{1,15}$/.test(timestamp)) return { ok: false, reason: "malformed" };
  if (Math.abs(nowSeconds - Number(timestamp)) > MAX_CLOCK_SKEW_SECONDS) return { ok: false, reason: "stale" };
  const expected = Buffer.from(signSlackRequest(signingSecret, timestamp, rawBody), "utf8");
  const given = Buffer.from(signature, "utf8");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: "mismatch" };
  return { ok: true };
}
