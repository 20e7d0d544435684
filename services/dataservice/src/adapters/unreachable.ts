/**
 * Tells a database that cannot be reached from one that refuses a query, and turns the first into the
 * store's {@link StoreUnavailableError}, for every store call at once (see {@link guardStore}).
 */
import { type Store, StoreUnavailableError } from "../domain/store.ts";

/** Socket errors of a peer that is gone or not there. */
const NETWORK_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ECONNABORTED",
  "ETIMEDOUT",
  "EPIPE",
  "EHOSTUNREACH",
  "EHOSTDOWN",
  "ENETUNREACH",
  "ENETDOWN",
  "ENOTFOUND",
  "EAI_AGAIN",
]);

/**
 * PostgreSQL SQLSTATEs of a server that is going away or cannot take the session: admin shutdown,
 * crash shutdown, starting up (57P01–57P03), too many connections (53300). Class 08 (connection
 * exception) is matched by its prefix.
 */
const POSTGRES_CODES = new Set(["57P01", "57P02", "57P03", "53300"]);

/** Messages of pg, pg-pool and Kysely for a connection that died, timed out or was thrown away. */
const DRIVER_MESSAGES = [
  "Connection terminated",
  "timeout exceeded when trying to connect",
  "is not queryable",
  "Postgres connection has been discarded",
];

interface DriverError {
  code?: unknown;
  message?: unknown;
  cause?: unknown;
  errors?: unknown;
}

/**
 * Whether `error` (or its cause, or one of an AggregateError's errors) says the database cannot be
 * reached now: a refused, reset or closed connection, a connect timeout, a PostgreSQL shutting down or
 * starting (SQLSTATE class 08, 57P01–57P03, 53300), or SQLite's `SQLITE_BUSY` after its busy timeout. A
 * query the database refuses (a syntax error, a constraint) is not.
 */
export function isDatabaseUnreachable(error: unknown, depth = 0): boolean {
  if (typeof error !== "object" || error === null || depth > 3) return false;
  const { code, message, cause, errors } = error as DriverError;
  if (typeof code === "string") {
    if (NETWORK_CODES.has(code) || POSTGRES_CODES.has(code)) return true;
    if (/^08[0-9A-Z]{3}$/.test(code) || code.startsWith("SQLITE_BUSY")) return true;
  }
  if (typeof message === "string" && DRIVER_MESSAGES.some((text) => message.includes(text))) return true;
  if (Array.isArray(errors) && errors.some((inner) => isDatabaseUnreachable(inner, depth + 1))) return true;
  return isDatabaseUnreachable(cause, depth + 1);
}

/** `error`'s code and message in one short line for logs (driver errors never hold the password). */
function reasonOf(error: unknown): string {
  const { code, message } = (error ?? {}) as DriverError;
  const text = typeof message === "string" && message ? message : String(error);
  return typeof code === "string" && !text.includes(code) ? `${code}: ${text}` : text;
}

/** Runs one store call; a database that cannot be reached becomes {@link StoreUnavailableError}. */
async function translated<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof StoreUnavailableError || !isDatabaseUnreachable(error)) throw error;
    // The driver's reason only, not the driver error as a cause: the log line of the 503 reads "the
    // database cannot be reached: connect ECONNREFUSED 127.0.0.1:5432" (no URL, no password).
    throw new StoreUnavailableError(reasonOf(error));
  }
}

/** A copy of `target` whose methods run through {@link translated}. */
function guardMethods<T extends object>(target: T): T {
  const guarded: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(target)) {
    guarded[key] =
      typeof value === "function"
        ? (...args: unknown[]) => translated(() => (value as (...a: unknown[]) => Promise<unknown>).apply(target, args))
        : value;
  }
  return guarded as T;
}

/**
 * `store` with every call (users, settings, workspaces, alerts, ping) rejecting with
 * {@link StoreUnavailableError} when the database cannot be reached; other errors pass unchanged.
 */
export function guardStore(store: Store): Store {
  return {
    users: guardMethods(store.users),
    settings: guardMethods(store.settings),
    workspaces: guardMethods(store.workspaces),
    alerts: guardMethods(store.alerts),
    dialect: store.dialect,
    ping: () => translated(() => store.ping()),
    close: () => store.close(),
  };
}
