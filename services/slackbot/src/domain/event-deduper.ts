/** Options of {@link createEventDeduper}. */
export interface EventDeduperOptions {
  /** How long an event id is remembered, in milliseconds. Default one hour (Slack retries over ~6 minutes). */
  ttlMs?: number;
  /** The most event ids remembered at once; the oldest is forgotten first. Default 100 000. */
  max?: number;
  /** The clock, in milliseconds (a fake one in tests). */
  now?: () => number;
}

/** Remembers the event ids seen recently, so that Slack's retries of one event are handled once. */
export interface EventDeduper {
  /** True the first time an event id is seen within the TTL, false for every repeat. */
  firstTime(eventId: string): boolean;
  /** Forgets an event id (its handling failed), so that the next delivery is a first time again. */
  forget(eventId: string): void;
  /** How many event ids are remembered now (never more than `max`). */
  readonly size: number;
}

/**
 * Creates an in-memory {@link EventDeduper}. Slack retries an event up to 3 times (at once, after 1 min,
 * after 5 min, with `X-Slack-Retry-Num`), always with the same `event_id`. Memory is bounded: ids expire
 * after `ttlMs` counted from their first sighting, and beyond `max` ids the oldest are evicted.
 */
export function createEventDeduper(options: EventDeduperOptions = {}): EventDeduper {
  const { ttlMs = 3_600_000, max = 100_000, now = Date.now } = options;
  if (!(ttlMs > 0)) throw new RangeError("ttlMs must be positive");
  if (!Number.isInteger(max) || max < 1) throw new RangeError("max must be a positive integer");
  // Insertion order is the order of first sighting, so the oldest entries are at the front.
  const expiries = new Map<string, number>();

  const sweep = (at: number): void => {
    for (const [id, expiresAt] of expiries) {
      if (expiresAt > at) break;
      expiries.delete(id);
    }
  };

  return {
    firstTime(eventId: string): boolean {
      const at = now();
      sweep(at);
      const expiresAt = expiries.get(eventId);
      if (expiresAt !== undefined && expiresAt > at) return false;
      expiries.delete(eventId);
      expiries.set(eventId, at + ttlMs);
      while (expiries.size > max) {
        const oldest = expiries.keys().next().value as string;
        expiries.delete(oldest);
      }
      return true;
    },
    forget(eventId: string): void {
      expiries.delete(eventId);
    },
    get size() {
      return expiries.size;
    },
  };
}
