/** A fixed-rate send schedule: request `i` is due `i * 1000 / rate` ms after the start. */
export interface Schedule {
  rate: number;
  total: number;
  /** Milliseconds after the start at which request `i` is due. */
  offsetOf(i: number): number;
  /** How many requests are due `elapsedMs` after the start (0 before it, at most `total`). */
  dueCount(elapsedMs: number): number;
}

/** The schedule of `rate` requests per second for `durationSeconds` (`rate * durationSeconds` requests, rounded). */
export function fixedRateSchedule(rate: number, durationSeconds: number): Schedule {
  if (!(rate > 0) || !(durationSeconds > 0)) throw new Error("rate and duration must be positive");
  const total = Math.max(1, Math.round(rate * durationSeconds));
  const interval = 1000 / rate;
  return {
    rate,
    total,
    offsetOf: (i) => i * interval,
    dueCount(elapsedMs) {
      if (elapsedMs < 0) return 0;
      // Request i is due when i * interval <= elapsed; the epsilon absorbs floating-point error at exact ticks.
      return Math.min(total, Math.floor((elapsedMs * rate) / 1000 + 1e-9) + 1);
    },
  };
}

/** The clock and the waiting the pacer uses (real timers in the load process, a fake clock in tests). */
export interface PacerClock {
  /** Milliseconds, monotonic. */
  now(): number;
  /** Resolves after about `ms` milliseconds (0: on the next turn of the event loop). */
  sleep(ms: number): Promise<void>;
}

/** What the pacer did: when it started, and how late the latest request left compared with its schedule. */
export interface PacerRun {
  /** The start, on the clock: request `i` was due at `start + schedule.offsetOf(i)`. */
  start: number;
  /** The largest delay between a request's due time and the moment `send` was called for it, in ms. */
  maxLagMs: number;
}

/**
 * Calls `send(i, dueAt)` for every request of `schedule`, each as soon as it is due, whatever happened
 * to the earlier ones (open loop: a slow server does not slow the sender down, so latency measured from
 * `dueAt` counts the time a request would have waited: no coordinated omission). `send` must not block.
 */
export async function runPacer(
  schedule: Schedule,
  clock: PacerClock,
  send: (i: number, dueAt: number) => void,
): Promise<PacerRun> {
  const start = clock.now();
  let sent = 0;
  let maxLagMs = 0;
  while (sent < schedule.total) {
    const now = clock.now();
    const due = schedule.dueCount(now - start);
    for (; sent < due; sent += 1) {
      const dueAt = start + schedule.offsetOf(sent);
      maxLagMs = Math.max(maxLagMs, now - dueAt);
      send(sent, dueAt);
    }
    if (sent < schedule.total) {
      const wait = start + schedule.offsetOf(sent) - clock.now();
      await clock.sleep(wait >= 1 ? Math.floor(wait) : 0);
    }
  }
  return { start, maxLagMs };
}
