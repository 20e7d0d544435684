/** A clock that moves only when told to. */
export interface FakeClock {
  /** The current fake time (a new Date each call). */
  now: () => Date;
  /** Sets the time. */
  set(at: string | Date): void;
  /** Moves the time on by `ms`. */
  advance(ms: number): void;
}

/** A fake clock starting at `start` (an ISO date-time, say `2026-11-28T08:00:00Z`). */
export function fakeClock(start: string | Date): FakeClock {
  let time = new Date(start).getTime();
  if (Number.isNaN(time)) throw new RangeError(`not a date: ${String(start)}`);
  return {
    now: () => new Date(time),
    set(at) {
      time = new Date(at).getTime();
    },
    advance(ms) {
      time += ms;
    },
  };
}
