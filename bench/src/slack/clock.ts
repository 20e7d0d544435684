/**
 * The clock every Slack figure measures with: CLOCK_MONOTONIC in milliseconds (`process.hrtime`). On
 * Linux it is one clock for the whole machine, so a send time taken in the load process and a reply's
 * arrival taken by the Slack mock in the bench process can be subtracted.
 */
export function monotonicMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}
