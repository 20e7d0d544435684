import { ConfigError } from "./config.ts";
import { ServiceError } from "./errors.ts";
import { redactText, redactUrl } from "./log-redaction.ts";

/**
 * A start-up failure a person fixes by changing one variable: its message is one line that begins with
 * the variable's name and says what was wrong (`DATABASE_URL: cannot connect to …`), never a password.
 */
export class StartupError extends Error {
  constructor(
    /** The environment variable to change (`DATABASE_URL`, `PORT`…). */
    readonly variable: string,
    message: string,
    options: { cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = "StartupError";
  }
}

/** A URL as a start-up message shows it: any password and secret query value replaced by `[redacted]`. */
export function shownUrl(url: string): string {
  return redactUrl(url);
}

/** The error's `code` (`ECONNREFUSED`, PostgreSQL's `28P01`…), when it has a text one. */
export function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === "string" && code !== "" ? code : undefined;
}

/**
 * Why an operation failed, in a few words: a system error's code alone (`ECONNREFUSED`), otherwise the
 * message (URLs and tokens redacted) followed by its code when it has one.
 */
export function failureReason(error: unknown): string {
  const code = errorCode(error);
  return code && /^E[A-Z_]+$/.test(code) ? code : errorText(error);
}

/** The error's message in one line (URLs and tokens redacted), followed by its code when the message lacks it. */
export function errorText(error: unknown): string {
  const code = errorCode(error);
  const message = redactText(error instanceof Error ? error.message : String(error)).split("\n")[0]?.trim() ?? "";
  if (!message) return code ?? "unknown error";
  return code && !message.includes(code) ? `${message} (${code})` : message;
}

/**
 * The lines a failed start prints, each prefixed with `name: `; the last one says what to fix. A
 * StartupError is its message; a ConfigError its problems (one line when there is one); a ServiceError
 * its title, detail and code; anything else its {@link errorText}. With `stack` the redacted stack
 * comes first.
 */
export function startupFailureLines(name: string, error: unknown, options: { stack?: boolean } = {}): string[] {
  const lines: string[] = [];
  if (options.stack && error instanceof Error && error.stack) {
    lines.push(...redactText(error.stack).split("\n"));
  }
  if (error instanceof StartupError) lines.push(`${name}: ${error.message}`);
  else if (error instanceof ConfigError) {
    if (error.problems.length === 1) lines.push(`${name}: invalid configuration: ${error.problems[0]}`);
    else lines.push(`${name}: invalid configuration:`, ...error.problems.map((problem) => `  - ${problem}`));
  } else if (error instanceof ServiceError) {
    lines.push(`${name}: ${error.title}: ${error.detail ?? ""} (${error.code})`);
  } else lines.push(`${name}: could not start: ${errorText(error)}`);
  return lines;
}
