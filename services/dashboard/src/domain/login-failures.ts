import { createHash } from "node:crypto";

/**
 * Failed logins counted per key (the client's address and the email), so that passwords cannot be
 * guessed at speed: after `max` failures within a minute of the first one, logins for that key wait.
 * In memory (one replica) or in Redis (shared by every replica).
 */
export interface LoginFailures {
  /** Seconds until `key` may try again, or 0 when it may now. */
  blockedFor(key: string): Promise<number>;
  /** Counts one failure of `key`. */
  record(key: string): Promise<void>;
  /** Forgets the failures of `key` (its login succeeded). */
  clear(key: string): Promise<void>;
}

/** Timings and limits of a {@link LoginFailures}. */
export interface LoginFailuresOptions {
  /** Failures allowed within the window; the next login waits until the window ends. */
  max: number;
  /** The window, ms from the first failure. Default 60000. */
  windowMs?: number;
}

/**
 * The key a login is counted under: the client's address and the email (lower-cased), hashed, so that
 * neither is kept as it is (the email is a person's) and the key's length is bounded.
 */
export function loginKey(address: string, email: string): string {
  return createHash("sha256").update(`${address}\n${email.trim().toLowerCase()}`).digest("base64url");
}

/** Checks a limit: a positive whole number. */
export function checkLimit(options: LoginFailuresOptions): { max: number; windowMs: number } {
  const windowMs = options.windowMs ?? 60_000;
  if (!(Number.isInteger(options.max) && options.max >= 1)) throw new RangeError("max must be a positive integer");
  if (!(Number.isInteger(windowMs) && windowMs >= 1)) throw new RangeError("windowMs must be a positive integer");
  return { max: options.max, windowMs };
}
