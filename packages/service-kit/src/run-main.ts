import { readLogLevel } from "./config.ts";
import { applyHeapGrowth } from "./heap-growth.ts";
import { startupFailureLines } from "./startup-error.ts";

/** Where {@link runMain} reports (tests: fakes). */
export interface RunMainIo {
  /** Default process.stderr. */
  write?: (text: string) => void;
  /** Default process.exit. */
  exit?: (code: number) => void;
  /** Read for LOG_LEVEL. Default process.env. */
  env?: Record<string, string | undefined>;
}

/**
 * Runs a service's (or the suite's) start-up, after setting V8's heap growth from `HEAP_GROWING_PERCENT`
 * (see {@link applyHeapGrowth}: fewer full garbage collections). When it fails, prints what to fix on
 * stderr and exits with 1: each line starts with `name: `, the last one names the variable to change
 * (see `startupFailureLines`), and there is no stack trace unless LOG_LEVEL is debug or trace.
 */
export async function runMain(name: string, main: () => Promise<void>, io: RunMainIo = {}): Promise<void> {
  try {
    applyHeapGrowth(io.env ?? process.env);
    await main();
  } catch (error) {
    const write = io.write ?? ((text: string) => process.stderr.write(text));
    const exit = io.exit ?? ((code: number) => process.exit(code));
    let level: string;
    try {
      level = readLogLevel(io.env ?? process.env);
    } catch {
      level = "info";
    }
    const stack = level === "debug" || level === "trace";
    write(`${startupFailureLines(name, error, { stack }).join("\n")}\n`);
    exit(1);
  }
}
