import type { Units } from "@jeeves/weather-client";

/** The commands a person can write to Jeeves, or why what they wrote is not one. */
export type Command =
  /** `time`: the commands being rolled out that are on for this writer (flag `time-command`) are listed too. */
  | { kind: "help"; time?: boolean }
  | { kind: "config-set"; key: string; value: string }
  | { kind: "config-get"; key: string }
  | { kind: "config-show" }
  | { kind: "config-unset"; key: string }
  | { kind: "location-set"; place: string }
  | { kind: "location-get" }
  | { kind: "weather"; place?: string; units?: Units }
  | { kind: "alerts-on"; time?: string }
  | { kind: "alerts-off" }
  /** The current time in UTC; rolled out by the `time-command` flag (docs/feature-flags.md). */
  | { kind: "time" }
  | { kind: "invalid"; command: AttemptedCommand; reason: string }
  | { kind: "unknown"; text: string }
  /** Longer than the parser reads (`MAX_MESSAGE_LENGTH`): not read at all; `length` is the message's. */
  | { kind: "too-long"; length: number };

/** The `kind` of a {@link Command}. */
export type CommandKind = Command["kind"];

/**
 * What the person was trying to do when a command is `invalid`: a command kind, or a command family
 * when even the sub-command was missing or unknown (`config`, `location`, `alerts`).
 */
export type AttemptedCommand =
  | Exclude<CommandKind, "invalid" | "unknown" | "too-long" | "help" | "time">
  | "config"
  | "location"
  | "alerts";
