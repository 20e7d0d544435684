import { setFlagsFromString } from "node:v8";
import { readConfig } from "./config.ts";

/**
 * How far V8 lets the old generation grow past what the last full garbage collection left, in percent,
 * unless `HEAP_GROWING_PERCENT` says otherwise: 150 lets it grow to 2.5 times that before the next one.
 *
 * Why: V8 picks the growth from how fast its collector is compared with how fast objects are promoted.
 * The whole suite in one process keeps ~45 MB alive and promotes ~2.5 MB a second at 500 Slack events a
 * second, so V8 picks its smallest factor (1.1): a full collection every ~1.5 s. On one CPU each one stops
 * or slows the event loop for ~100 ms (marking threads share the CPU with it), and every request
 * arriving then waits: the Slack acknowledgement's p99 went from ~5 to 40–100 ms in the rounds with one
 * (bench/RESULTS.md, finding 18). At 150 a full collection comes every ~25 s (with finding 19); the suite's
 * resident memory under that load peaked at 307–324 MB (the target is 400 MB).
 */
export const DEFAULT_HEAP_GROWING_PERCENT = 150;

/** The highest `HEAP_GROWING_PERCENT` taken (10 times the last live heap before a full collection). */
export const MAX_HEAP_GROWING_PERCENT = 900;

/** Parses `HEAP_GROWING_PERCENT`: a whole number 0–900 (0: V8's own choice). */
export function heapGrowingPercent(text: string): number {
  const value = Number(text);
  if (!/^[0-9]{1,3}$/.test(text) || value > MAX_HEAP_GROWING_PERCENT) {
    throw new Error(`must be a whole number 0-${MAX_HEAP_GROWING_PERCENT} (0: V8 chooses)`);
  }
  return value;
}

/**
 * Sets V8's old-generation growing factor for this process from `HEAP_GROWING_PERCENT` (default
 * {@link DEFAULT_HEAP_GROWING_PERCENT}; 0 leaves V8's own heuristics). Call it first thing at start-up:
 * the flag is read at every full collection, so it holds from the next one on. Throws a ConfigError
 * naming the variable when it is not a whole number 0–900. Answers the percent set (0: none).
 */
export function applyHeapGrowth(
  env: Record<string, string | undefined> = process.env,
  setFlags: (flags: string) => void = setFlagsFromString,
): number {
  const percent = readConfig(
    { HEAP_GROWING_PERCENT: { default: DEFAULT_HEAP_GROWING_PERCENT, parse: heapGrowingPercent } },
    env,
  ).HEAP_GROWING_PERCENT;
  if (percent > 0) setFlags(`--heap-growing-percent=${percent}`);
  return percent;
}
