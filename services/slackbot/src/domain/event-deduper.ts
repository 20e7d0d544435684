import { LRUCache } from "lru-cache";

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
  /** How many unexpired event ids are remembered now (never more than `max`); the expired ones are dropped. */
  readonly size: number;
}

/**
 * Creates an in-memory {@link EventDeduper} on `lru-cache`. Slack retries an event up to 3 times (at
 * once, after 1 min, after 5 min, with `X-Slack-Retry-Num`), always with the same `event_id`. Memory is
 * bounded: ids expire once more than `ttlMs` has passed since their first sighting (a repeat neither
 * extends the TTL nor refreshes the id), and beyond `max` ids the oldest are evicted.
 */
export function createEventDeduper(options: EventDeduperOptions = {}): EventDeduper {
  const { ttlMs = 3_600_000, max = 100_000, now = Date.now } = options;
  if (!(ttlMs > 0)) throw new RangeError("ttlMs must be positive");
  if (!Number.isInteger(max) || max < 1) throw new RangeError("max must be a positive integer");
  // `has` neither refreshes an id's place nor its age: the least recently used id is the oldest seen.
  const seen = new LRUCache<string, true>({ max, ttl: ttlMs, perf: { now }, ttlResolution: 0 });

  return {
    firstTime(eventId: string): boolean {
      if (seen.has(eventId)) return false;
      seen.set(eventId, true);
      return true;
    },
    forget(eventId: string): void {
      seen.delete(eventId);
    },
    get size() {
      seen.purgeStale();
      return seen.size;
    },
  };
}
