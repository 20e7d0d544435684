import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

/** A logged-in person's session, kept on the server; the browser holds only its id (the cookie). */
export interface Session {
  /** The random id in the cookie: 256 bits, base64url (43 characters). */
  id: string;
  /** The dataservice id of the person. */
  userId: string;
  /** What every state-changing call sends back in `X-CSRF-Token`. */
  csrfToken: string;
  /** When it ends, in ms since the epoch. */
  expiresAt: number;
}

/** Where sessions are kept: memory (one replica) or Redis (shared by every replica). */
export interface SessionStore {
  /** Starts a session for the person, with a new id and CSRF token, ending after the store's lifetime. */
  create(userId: string): Promise<Session>;
  /** The session with this id, unless it has ended or expired. */
  find(id: string): Promise<Session | undefined>;
  /** Ends the session (nothing when there is none). */
  end(id: string): Promise<void>;
}

/** What a store keeps of a session, under {@link storageKey} of its id. */
export interface StoredSession {
  userId: string;
  csrfToken: string;
  expiresAt: number;
}

/** A session id's shape: 32 random bytes in base64url. */
export const SESSION_ID = /^[A-Za-z0-9_-]{43}$/;

/** 32 random bytes (256 bits) in base64url: a session id or a CSRF token. */
export function newSecret(): string {
  return randomBytes(32).toString("base64url");
}

/**
 * The key a session is stored under: the SHA-256 of its id, so that what the store holds (a Redis
 * dump, a debugger) cannot be replayed as a cookie.
 */
export function storageKey(id: string): string {
  return createHash("sha256").update(id).digest("base64url");
}

/** Whether `given` equals `expected`, compared in constant time (over their SHA-256, so lengths leak nothing). */
export function sameSecret(given: string | string[] | undefined, expected: string): boolean {
  if (typeof given !== "string" || given.length === 0) return false;
  const a = createHash("sha256").update(given).digest();
  const b = createHash("sha256").update(expected).digest();
  return timingSafeEqual(a, b);
}

/** A new session for the person, `ttlMs` from `now`. */
export function newSession(userId: string, ttlMs: number, now: number): Session {
  return { id: newSecret(), userId, csrfToken: newSecret(), expiresAt: now + ttlMs };
}
