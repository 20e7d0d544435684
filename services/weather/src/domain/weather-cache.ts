import { LRUCache } from "lru-cache";
import type { CurrentWeatherSource } from "./current-weather-source.ts";
import { reportEtag } from "./etag.ts";
import { cacheKey, type PlaceQuery, placeQuery } from "./place-query.ts";
import { MalformedAnswer, toReport, type WeatherReport } from "./report.ts";
import { reportIn } from "./unit-conversion.ts";
import type { Units } from "./units.ts";
import { UpstreamUnavailable } from "./upstream-errors.ts";

/** Seconds to wait after OpenWeatherMap answered something unreadable. */
const MALFORMED_RETRY_AFTER_SECONDS = 30;

/** The units of the mock's default example (Berlin, metric): what demo data is asked in. */
const DEMO_SOURCE_UNITS: Units = "metric";

/** A report with its ETag and how many more seconds it is kept. */
export interface WeatherAnswer {
  report: WeatherReport;
  etag: string;
  /** Whole seconds left before the report is asked of OpenWeatherMap again (for `Cache-Control: max-age`). */
  maxAgeSeconds: number;
}

/**
 * The service's reports: OpenWeatherMap (or its mock) behind a cache, `report(location, units)` kept
 * per place and units with its ETag. (Not the consumers' `WeatherReports` of @jeeves/weather-client,
 * which asks this service over HTTP.)
 */
export interface WeatherCache {
  /** Whether the reports are demo data (no OpenWeatherMap key). */
  readonly demo: boolean;
  /** The report of a location; rejects with `UnknownPlace` or `UpstreamUnavailable`. */
  report(location: string, units: Units): Promise<WeatherAnswer>;
  /** Forgets the kept reports. */
  clear(): void;
}

/** Options of {@link createWeatherCache}. */
export interface WeatherCacheOptions {
  source: CurrentWeatherSource;
  /**
   * Sets `demo` in every report. Demo data comes from a mock that answers its metric example whatever
   * `units` asks, so in demo the source is always asked in metric and the report converted to the units
   * asked; with a key OpenWeatherMap is asked in those units and converts itself.
   */
  demo: boolean;
  /** How long a report is kept, ms. */
  ttlMs: number;
  /** Most reports kept (default 1000). */
  maxEntries?: number;
  /** The clock, ms (default `Date.now`). */
  now?: () => number;
  /** Told each lookup's result: a hit (kept, or shared with a call under way) or a miss (metrics). */
  onLookup?: (hit: boolean) => void;
}

/**
 * The weather reports: each location is read as a place name or coordinates, asked of the source in
 * the units (in metric for demo data, then converted), mapped to a report and kept `ttlMs` under its normalised key (trimmed, case-folded), so a
 * second ask within that time, or a concurrent one, costs no call. Errors are not kept. The reports are
 * kept in an `lru-cache` bounded by `maxEntries` (the least recently asked goes first); a `ttlMs` of 0
 * keeps nothing, but concurrent asks still share one call.
 */
export function createWeatherCache(options: WeatherCacheOptions): WeatherCache {
  const now = options.now ?? Date.now;
  const cache = new LRUCache<string, { report: WeatherReport; etag: string }, { query: PlaceQuery; units: Units }>({
    max: options.maxEntries ?? 1000,
    ttl: options.ttlMs,
    // The clock read on every look (no 1 ms reuse of a reading): a fake clock moves it at once.
    perf: { now },
    ttlResolution: 0,
    // `clear()` during a call: its callers still get the report, which is not kept.
    ignoreFetchAbort: true,
    fetchMethod: async (_key, _stale, { context: { query, units } }) => {
      const asked = options.demo ? DEMO_SOURCE_UNITS : units;
      const answer = await options.source.current(query, asked);
      try {
        const report = reportIn(toReport(answer, asked, options.demo), units);
        return { report, etag: reportEtag(report) };
      } catch (error) {
        if (!(error instanceof MalformedAnswer)) throw error;
        throw new UpstreamUnavailable(error.message, MALFORMED_RETRY_AFTER_SECONDS, { cause: error });
      }
    },
  });
  return {
    demo: options.demo,
    async report(location, units) {
      const query = placeQuery(location);
      const key = cacheKey(query, units);
      const status: LRUCache.Status<
        string,
        { report: WeatherReport; etag: string },
        { query: PlaceQuery; units: Units }
      > = {};
      const value = await cache.fetch(key, { context: { query, units }, status });
      options.onLookup?.(status.fetch === "hit" || status.fetch === "inflight");
      if (value === undefined) throw new Error(`no weather report for ${key}`);
      if (options.ttlMs === 0) {
        // lru-cache's ttl 0 is "for ever": with no TTL the report goes once its callers have it.
        if (cache.peek(key) === value) cache.delete(key);
        return { ...value, maxAgeSeconds: 0 };
      }
      return { ...value, maxAgeSeconds: Math.max(0, Math.floor(cache.getRemainingTTL(key) / 1000)) };
    },
    clear: () => cache.clear(),
  };
}
