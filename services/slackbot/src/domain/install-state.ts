import { createHmac, hkdfSync, randomBytes, timingSafeEqual } from "node:crypto";

/** How long an install link (its `state`) stays valid: 10 minutes, as long as Slack's code. */
export const INSTALL_STATE_TTL_SECONDS = 600;

/** What a state carries: a random nonce and when it expires (Unix seconds). */
export interface InstallStatePayload {
  nonce: string;
  exp: number;
}

/** Why a state was refused: not `payload.signature`, a signature this secret did not make, or too old. */
export type InstallStateFailure = "malformed" | "forged" | "expired";

/** The outcome of {@link verifyInstallState}. */
export type InstallStateCheck = { ok: true; payload: InstallStatePayload } | { ok: false; reason: InstallStateFailure };

const PART = /^[A-Za-z0-9_-]{1,2000}$/;

function sign(secret: string | Buffer, payload: string): Buffer {
  return createHmac("sha256", secret).update(payload).digest();
}

function checkSecret(secret: string | Buffer): void {
  if (secret.length === 0) throw new Error("the install state secret must not be empty");
}

/**
 * The state secret when `SLACK_STATE_SECRET` is unset: HKDF-SHA256 of the Slack signing secret with a
 * label of its own, so the two keys are independent and the embedded default needs no other file.
 */
export function deriveStateSecret(signingSecret: string): Buffer {
  checkSecret(signingSecret);
  return Buffer.from(hkdfSync("sha256", signingSecret, "", "jeeves slackbot install state v1", 32));
}

/**
 * Makes the `state` of an install redirect: `base64url(JSON {nonce, exp}).base64url(HMAC-SHA256(secret,
 * first part))`, expiring {@link INSTALL_STATE_TTL_SECONDS} after `nowMs`. The nonce is 16 random bytes
 * unless given.
 */
export function signInstallState(secret: string | Buffer, options: { nowMs: number; nonce?: string }): string {
  checkSecret(secret);
  const payload: InstallStatePayload = {
    nonce: options.nonce ?? randomBytes(16).toString("base64url"),
    exp: Math.floor(options.nowMs / 1000) + INSTALL_STATE_TTL_SECONDS,
  };
  const encoded = Buffer.from(JSON.stringify(payload), "utf8").toString("base64url");
  return `${encoded}.${sign(secret, encoded).toString("base64url")}`;
}

/**
 * Checks a `state` that came back from Slack: two base64url parts, the signature equal in constant time to
 * the HMAC of the first, then the expiry (a state is refused from its `exp` second on). Never throws on
 * the state; throws only on an empty secret.
 */
export function verifyInstallState(secret: string | Buffer, state: string, nowMs: number): InstallStateCheck {
  checkSecret(secret);
  const parts = state.split(".");
  if (parts.length !== 2 || !PART.test(parts[0]) || !PART.test(parts[1])) return { ok: false, reason: "malformed" };
  const [encoded, signature] = parts;
  // Compared as text: base64url decoding ignores trailing bits, so two texts could give the same bytes.
  const expected = Buffer.from(sign(secret, encoded).toString("base64url"), "utf8");
  const given = Buffer.from(signature, "utf8");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: "forged" };
  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.from(encoded, "base64url").toString("utf8"));
  } catch {
    return { ok: false, reason: "malformed" };
  }
  const { nonce, exp } = (payload ?? {}) as Partial<InstallStatePayload>;
  if (typeof nonce !== "string" || typeof exp !== "number" || !Number.isFinite(exp)) {
    return { ok: false, reason: "malformed" };
  }
  if (Math.floor(nowMs / 1000) >= exp) return { ok: false, reason: "expired" };
  return { ok: true, payload: { nonce, exp } };
}

/** The cookie `/slack/install` sets to bind an install to the browser that started it. */
export const INSTALL_COOKIE = "jeeves_slack_install";

/**
 * The install cookie's value for a state's nonce: `base64url(HMAC-SHA256(secret, "browser:" + nonce))`.
 * Only this slackbot can make it, and the state alone does not reveal it.
 */
export function browserBinding(secret: string | Buffer, nonce: string): string {
  checkSecret(secret);
  return sign(secret, `browser:${nonce}`).toString("base64url");
}

/** Whether the cookie that came back is the binding of the state's nonce (compared in constant time). */
export function isBrowserBinding(secret: string | Buffer, nonce: string, cookie: string | undefined): boolean {
  if (cookie === undefined) return false;
  const expected = Buffer.from(browserBinding(secret, nonce), "utf8");
  const given = Buffer.from(cookie, "utf8");
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** A new install: its signed `state` (see {@link signInstallState}) and the install cookie's value bound to it. */
export function issueInstallState(secret: string | Buffer, nowMs: number): { state: string; cookie: string } {
  const nonce = randomBytes(16).toString("base64url");
  return { state: signInstallState(secret, { nowMs, nonce }), cookie: browserBinding(secret, nonce) };
}
