import { parseArgs } from "node:util";
import type { Mode } from "./figure.ts";

/** What the command line asks for. */
export interface BenchArgs {
  only?: string[];
  modes: Exclude<Mode, "standalone">[];
  rounds: number;
  duration: number;
  /** Only re-render RESULTS.md and the chart from results/latest.json. */
  reportOnly: boolean;
  list: boolean;
  help: boolean;
}

/** The usage line printed by --help and on a wrong argument. */
export const USAGE =
  "usage: tsx src/main.ts [--only id,id] [--mode one-process|separate|both] [--rounds N (>=3)] [--duration s] [--list] [--report-only]";

/** Parses the command line; throws an Error with a one-line message on a wrong argument. */
export function parseBenchArgs(argv: string[]): BenchArgs {
  const { values } = parseArgs({
    args: argv,
    options: {
      only: { type: "string" },
      mode: { type: "string", default: "both" },
      rounds: { type: "string", default: "3" },
      duration: { type: "string", default: "5" },
      "report-only": { type: "boolean", default: false },
      list: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
    strict: true,
    allowPositionals: false,
  });
  const rounds = Number(values.rounds);
  if (!Number.isInteger(rounds) || rounds < 3)
    throw new Error(`--rounds must be an integer of at least 3 (got ${values.rounds})`);
  const duration = Number(values.duration);
  if (!Number.isFinite(duration) || duration < 1)
    throw new Error(`--duration must be at least 1 second (got ${values.duration})`);
  const modes: BenchArgs["modes"] =
    values.mode === "both"
      ? ["one-process", "separate"]
      : values.mode === "one-process" || values.mode === "separate"
        ? [values.mode]
        : [];
  if (modes.length === 0) throw new Error(`--mode must be one-process, separate or both (got ${values.mode})`);
  const only = values.only
    ?.split(",")
    .map((id) => id.trim())
    .filter(Boolean);
  return {
    only: only && only.length > 0 ? only : undefined,
    modes,
    rounds,
    duration: Math.round(duration),
    reportOnly: values["report-only"] ?? false,
    list: values.list ?? false,
    help: values.help ?? false,
  };
}
