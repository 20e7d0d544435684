import type { PacerClock } from "./pacing.ts";

/**
 * The clock every Slack figure measures with: CLOCK_MONOTONIC in milliseconds (`process.hrtime`). On
 * Linux it is one clock for the whole machine, so a send time taken in the load process and a reply's
 * arrival taken by the Slack mock in the bench process can be subtracted.
 */
export function monotonicMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

/** The clock a load process paces its requests with: {@link monotonicMs}, and timers to wait (0: the next turn). */
export const pacerClock: PacerClock = {
  now: monotonicMs,
  sleep: (ms: number) => new Promise<void>((resolve) => (ms > 0 ? setTimeout(resolve, ms) : setImmediate(resolve))),
};
