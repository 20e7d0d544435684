import { positiveInteger } from "./config.ts";
import { errorCode, failureReason, StartupError, shownUrl } from "./startup-error.ts";

/** How often, and how patiently, a start-up connection (database, broker) is tried. */
export interface ConnectRetry {
  /** Attempts in all, at least 1. */
  attempts: number;
  /** Wait after the first failed attempt; doubled after each further one, up to `maxDelayMs`. */
  delayMs: number;
  /** Longest wait between two attempts. Default 4000. */
  maxDelayMs?: number;
}

/** The defaults: 5 attempts, waiting 0.5, 1, 2 and 4 s between them (about 10 s in all). */
export const DEFAULT_CONNECT_RETRY: Required<ConnectRetry> = { attempts: 5, delayMs: 500, maxDelayMs: 4000 };

function wholeMilliseconds(value: string): number {
  if (!/^\d{1,9}$/.test(value)) throw new Error("must be whole milliseconds");
  return Number(value);
}

/**
 * `STARTUP_CONNECT_ATTEMPTS` (default 5) and `STARTUP_CONNECT_DELAY_MS` (default 500): spread into the
 * `readConfig` schema of a service that connects to a database or a broker at start-up.
 */
export const CONNECT_RETRY_VARIABLES = {
  STARTUP_CONNECT_ATTEMPTS: { default: DEFAULT_CONNECT_RETRY.attempts, parse: positiveInteger },
  STARTUP_CONNECT_DELAY_MS: { default: DEFAULT_CONNECT_RETRY.delayMs, parse: wholeMilliseconds },
};

/** The {@link ConnectRetry} a configuration read with {@link CONNECT_RETRY_VARIABLES} asks for. */
export function connectRetryOf(config: { STARTUP_CONNECT_ATTEMPTS: number; STARTUP_CONNECT_DELAY_MS: number }) {
  return { attempts: config.STARTUP_CONNECT_ATTEMPTS, delayMs: config.STARTUP_CONNECT_DELAY_MS };
}

/** Error codes of a peer that is not (yet) there: worth another attempt. */
const TRANSIENT_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EHOSTDOWN",
  "EPIPE",
  "ENOTFOUND",
  "EAI_AGAIN",
  // PostgreSQL: "the database system is starting up" (cannot_connect_now).
  "57P03",
]);

/** True for a failure that a peer still starting up gives (refused, reset, unreachable, starting up). */
export function isTransientConnectError(error: unknown): boolean {
  const code = errorCode(error);
  if (code !== undefined && TRANSIENT_CODES.has(code)) return true;
  const message = error instanceof Error ? error.message : "";
  // amqplib, when the broker closes the socket while it is still starting.
  return message.includes("Socket closed abruptly");
}

/** Options of {@link connectWithRetry}. */
export interface ConnectWithRetryOptions<T> {
  /** The variable that names the peer (`DATABASE_URL`, `BUS_URL`): every line starts with it. */
  variable: string;
  /** The peer's URL; shown with its password redacted. */
  url: string;
  /** One attempt: connects and checks the peer answers. */
  connect: () => Promise<T>;
  /** Default {@link DEFAULT_CONNECT_RETRY}. */
  retry?: ConnectRetry;
  /** Told each failed attempt (one line each). */
  logger?: { warn(fields: Record<string, unknown>, message: string): void };
  /** Which failures are worth another attempt. Default {@link isTransientConnectError}. */
  transient?: (error: unknown) => boolean;
  /** Waits (tests: a fake). Default a timer. */
  sleep?: (ms: number) => Promise<void>;
  /** The clock of the final message's duration. Default `Date.now`. */
  now?: () => number;
}

function seconds(ms: number): string {
  return `${Math.round(ms / 100) / 10} s`;
}

/**
 * Connects to a database or broker at start-up, trying again with a doubling wait while the failure is
 * transient (the peer is not up yet), with one warning line per failed attempt (`DATABASE_URL: cannot
 * connect to postgres://jeeves:[redacted]@db/jeeves (ECONNREFUSED); attempt 2 of 5, next in 1 s`).
 * Gives up with a {@link StartupError} naming the variable: after the last attempt (`… after 5 attempts
 * in 7.6 s`), or at once for a failure that waiting does not fix (a wrong password).
 */
export async function connectWithRetry<T>(options: ConnectWithRetryOptions<T>): Promise<T> {
  const retry = { ...DEFAULT_CONNECT_RETRY, ...options.retry };
  const attempts = Math.max(1, Math.floor(retry.attempts));
  const transient = options.transient ?? isTransientConnectError;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const now = options.now ?? Date.now;
  const target = shownUrl(options.url);
  const started = now();
  let delay = retry.delayMs;
  for (let attempt = 1; ; attempt++) {
    try {
      return await options.connect();
    } catch (error) {
      const reason = failureReason(error);
      if (!transient(error)) {
        throw new StartupError(options.variable, `${options.variable}: ${target}: ${reason}`, { cause: error });
      }
      const last = attempt >= attempts;
      const next = last ? "giving up" : `next in ${seconds(delay)}`;
      options.logger?.warn(
        { variable: options.variable, attempt, attempts, error: reason },
        `${options.variable}: cannot connect to ${target} (${reason}); attempt ${attempt} of ${attempts}, ${next}`,
      );
      if (last) {
        const tried = attempts === 1 ? "1 attempt" : `${attempts} attempts`;
        throw new StartupError(
          options.variable,
          `${options.variable}: cannot connect to ${target} (${reason}) after ${tried} in ${seconds(now() - started)}`,
          { cause: error },
        );
      }
      await sleep(delay);
      delay = Math.min(delay * 2, retry.maxDelayMs);
    }
  }
}
