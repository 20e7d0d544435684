import type pino from "pino";
import pretty from "pino-pretty";
import { readConfig } from "./config.ts";
import { stdoutDestination } from "./log-destination.ts";

/** How log lines are written: one JSON object a line, or pino-pretty's readable lines. */
export type LogFormat = "json" | "pretty";

/** The variable that chooses the log format (`json` or `pretty`; unset: pretty on a terminal, else JSON). */
export const LOG_FORMAT_VARIABLE = "LOG_FORMAT";

/** Parses `LOG_FORMAT`: `json` or `pretty` (any case). */
function parseLogFormat(text: string): LogFormat {
  const chosen = text.trim().toLowerCase();
  if (chosen !== "json" && chosen !== "pretty")
    throw new Error("must be json or pretty (or unset: pretty on a terminal)");
  return chosen;
}

/**
 * The log format: `LOG_FORMAT` when set (`json` or `pretty`; anything else is a ConfigError naming it,
 * like LOG_LEVEL), else pretty when standard output is a terminal and JSON otherwise (files, pipes,
 * containers, log collectors).
 */
export function logFormat(
  env: Record<string, string | undefined> = process.env,
  isTTY: boolean = process.stdout.isTTY === true,
): LogFormat {
  const { LOG_FORMAT } = readConfig({ [LOG_FORMAT_VARIABLE]: { default: undefined, parse: parseLogFormat } }, env);
  return LOG_FORMAT ?? (isTTY ? "pretty" : "json");
}

/** pino-pretty's stream as Jeeves uses it: synchronous, the service, trace and request ids kept in the line. */
export function prettyStream(destination: NodeJS.WritableStream | number = 1, colorize = true): pino.DestinationStream {
  return pretty({
    destination,
    sync: true,
    colorize,
    translateTime: "SYS:HH:MM:ss.l",
    ignore: "pid,hostname",
    messageFormat: "{if service}[{service}] {end}{msg}",
  }) as unknown as pino.DestinationStream;
}

let sharedPretty: pino.DestinationStream | undefined;

/**
 * Standard output as every default logger of this process writes to: the batched JSON destination
 * ({@link stdoutDestination}) unless {@link logFormat} says pretty, then one shared pino-pretty stream.
 */
export function logDestination(): pino.DestinationStream {
  if (logFormat() === "json") return stdoutDestination();
  sharedPretty ??= prettyStream(1, process.stdout.isTTY === true);
  return sharedPretty;
}
