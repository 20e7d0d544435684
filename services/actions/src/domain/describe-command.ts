import type { Command } from "./command.ts";

/**
 * A short description of a command for logs. It never holds what people wrote as values: no config
 * value (it may be a secret), no place (personal data), no unknown text and no invalid reason (either
 * may hold a mistyped secret). Keys, units and alert times are shown.
 */
export function describeCommand(command: Command): string {
  switch (command.kind) {
    case "help":
    case "config-show":
    case "location-get":
    case "alerts-off":
    case "location-set":
    case "time":
      return command.kind;
    case "config-set":
      return `config-set key=${command.key} value=<redacted>`;
    case "config-get":
    case "config-unset":
      return `${command.kind} key=${command.key}`;
    case "weather":
      return `weather place=${command.place === undefined ? "saved" : "given"} units=${command.units ?? "default"}`;
    case "alerts-on":
      return `alerts-on time=${command.time ?? "default"}`;
    case "invalid":
      return `invalid command=${command.command}`;
    case "unknown":
      return `unknown length=${command.text.length}`;
    case "too-long":
      return `too-long length=${command.length}`;
    default: {
      const never: never = command;
      return never;
    }
  }
}
