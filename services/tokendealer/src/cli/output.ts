import type { Log } from "../adapters/log.ts";

/** Where the CLI writes: results to `out` (stdout), progress and errors to `err` (stderr). */
export interface Output {
  out(line: string): void;
  err(line: string): void;
}

function describe(fields: object): string {
  const parts = Object.entries(fields)
    .filter(([name, value]) => name !== "err" && value !== undefined)
    .map(([name, value]) => `${name} ${Array.isArray(value) ? value.join(", ") : String(value)}`);
  return parts.length > 0 ? ` (${parts.join("; ")})` : "";
}

/** A Log for the stores that prints one-liners to stderr (the stores never log secrets). */
export function consoleLog(output: Output): Log {
  const line = (fields: object, message: string) => output.err(`tokendealer: ${message}${describe(fields)}`);
  return { info: line, warn: line, error: line };
}
