/** How one environment variable is read. */
export interface EnvVar<T> {
  /** Default when unset or empty; without one the variable is required. */
  default?: T;
  /** Turns the text into a value; throws with a message when it is not valid. */
  parse: (text: string) => T;
  /** Secrets are never shown in messages. */
  secret?: boolean;
}

/** Invalid or missing configuration; the message lists every problem at once. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n  - ${problems.join("\n  - ")}`);
    this.name = "ConfigError";
  }
}

/**
 * Reads and validates configuration once, at start-up: every variable is checked and all problems are
 * reported together, so a service fails fast with a clear message.
 */
export function readConfig<S extends Record<string, EnvVar<unknown>>>(
  schema: S,
  env: Record<string, string | undefined> = process.env,
): { [K in keyof S]: S[K] extends EnvVar<infer T> ? T : never } {
  const problems: string[] = [];
  const out: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(schema)) {
    const raw = env[name];
    if (raw === undefined || raw === "") {
      if ("default" in spec) out[name] = spec.default;
      else problems.push(`${name} is required`);
      continue;
    }
    try {
      out[name] = spec.parse(raw);
    } catch (error) {
      const shown = spec.secret ? "(secret)" : JSON.stringify(raw);
      problems.push(`${name}=${shown}: ${(error as Error).message}`);
    }
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return out as never;
}

/** Parses a TCP port number. */
export function port(text: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0 || value > 65535) throw new Error("must be a port number 0-65535");
  return value;
}

/** Parses a positive whole number (a count or a limit). */
export function positiveInteger(text: string): number {
  const value = Number(text);
  if (!/^[0-9]{1,9}$/.test(text) || value < 1) throw new Error("must be a positive whole number");
  return value;
}

/** The levels `LOG_LEVEL` may name (pino's). */
export const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;

/** One of {@link LOG_LEVELS}. */
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Parses a log level: one of {@link LOG_LEVELS}. */
export function logLevel(text: string): LogLevel {
  if (!(LOG_LEVELS as readonly string[]).includes(text)) throw new Error(`must be one of ${LOG_LEVELS.join(", ")}`);
  return text as LogLevel;
}

/** `LOG_LEVEL` as every service reads it (default info); spread it into a service's `readConfig` schema. */
export const LOG_LEVEL_VARIABLE = { LOG_LEVEL: { default: "info" as LogLevel, parse: logLevel } };

/** `LOG_LEVEL` from the environment (default info); a ConfigError naming it when it is not a level. */
export function readLogLevel(env: Record<string, string | undefined> = process.env): LogLevel {
  return readConfig(LOG_LEVEL_VARIABLE, env).LOG_LEVEL;
}

/** Accepts any non-empty text. */
export function text(value: string): string {
  return value;
}

/** Parses a URL with one of the given protocols. */
export function url(...protocols: string[]) {
  return (value: string): string => {
    let parsed: URL;
    try {
      parsed = new URL(value);
    } catch {
      throw new Error("must be a URL");
    }
    if (protocols.length > 0 && !protocols.includes(parsed.protocol.replace(/:$/, ""))) {
      throw new Error(`must be a ${protocols.join(" or ")} URL`);
    }
    return value;
  };
}

/** The text without its trailing `/`s (a loop, not a regex: `/\/+$/` backtracks quadratically on many `/`). */
export function withoutTrailingSlashes(value: string): string {
  let end = value.length;
  while (end > 0 && value[end - 1] === "/") end -= 1;
  return value.slice(0, end);
}

const BUS_NAME = /^[A-Za-z0-9._:-]{1,100}$/;

/** Parses a RabbitMQ exchange name or queue prefix: letters, digits and `. _ : -`, at most 100. */
export function busName(value: string): string {
  if (!BUS_NAME.test(value)) throw new Error("must be letters, digits and . _ : - (at most 100)");
  return value;
}

/**
 * The bus's names on RabbitMQ, for a service that uses the bus: `BUS_EXCHANGE` (the topic exchange,
 * default `jeeves`) and `BUS_QUEUE_PREFIX` (before every queue's name, default none). Two deployments
 * (or test runs) on one broker keep apart by setting them. `BUS_FAULT_CRASH_BEFORE_ACK_FILE` is for
 * fault tests (see createBus's crashBeforeAckFile).
 */
export const BUS_VARIABLES = {
  BUS_EXCHANGE: { default: "jeeves", parse: busName },
  BUS_QUEUE_PREFIX: { default: "", parse: busName },
  // Fault tests only: a file whose appearance crashes the next handler between handling and ack.
  BUS_FAULT_CRASH_BEFORE_ACK_FILE: { default: undefined as string | undefined, parse: text },
};

/** The options of createBus that a configuration with {@link BUS_VARIABLES} asks for (beside the URL). */
export function busOptionsOf(config: {
  BUS_EXCHANGE: string;
  BUS_QUEUE_PREFIX: string;
  BUS_FAULT_CRASH_BEFORE_ACK_FILE?: string;
}) {
  return {
    exchange: config.BUS_EXCHANGE,
    queuePrefix: config.BUS_QUEUE_PREFIX,
    crashBeforeAckFile: config.BUS_FAULT_CRASH_BEFORE_ACK_FILE,
  };
}

/** Parses a Redis key prefix: 1 to 64 letters, digits, `_`, `-`, `.` and `:` (`jeeves:`, `jeeves-staging:`). */
export function redisKeyPrefix(value: string): string {
  if (!/^[\w.:-]{1,64}$/.test(value)) throw new Error("must be 1 to 64 letters, digits, _, -, . or :");
  return value;
}

/**
 * `REDIS_URL` (unset: shared state and rate limits in memory, per process; never shown, it may hold a
 * password) and `REDIS_KEY_PREFIX` (default `jeeves:`), as every service with Redis reads them.
 */
export const REDIS_VARIABLES = {
  REDIS_URL: { default: undefined as string | undefined, parse: url("redis", "rediss"), secret: true },
  REDIS_KEY_PREFIX: { default: "jeeves:", parse: redisKeyPrefix },
};
