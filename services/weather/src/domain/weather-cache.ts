import type { CurrentWeatherSource } from "./current-weather-source.ts";
import { reportEtag } from "./etag.ts";
import { cacheKey, placeQuery } from "./place-query.ts";
import { MalformedAnswer, toReport, type WeatherReport } from "./report.ts";
import { TtlCache } from "./ttl-cache.ts";
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
}

/**
 * The weather reports: each location is read as a place name or coordinates, asked of the source in
 * the units (in metric for demo data, then converted), mapped to a report and kept `ttlMs` under its normalised key (trimmed, case-folded), so a
 * second ask within that time, or a concurrent one, costs no call. Errors are not kept.
 */
export function createWeatherCache(options: WeatherCacheOptions): WeatherCache {
  const now = options.now ?? Date.now;
  const cache = new TtlCache<{ report: WeatherReport; etag: string }>({
    ttlMs: options.ttlMs,
    maxEntries: options.maxEntries,
    now,
  });
  return {
    demo: options.demo,
    async report(location, units) {
      const query = placeQuery(location);
      const { value, expiresAt } = await cache.get(cacheKey(query, units), async () => {
        const asked = options.demo ? DEMO_SOURCE_UNITS : units;
        const answer = await options.source.current(query, asked);
        try {
          const report = reportIn(toReport(answer, asked, options.demo), units);
          return { report, etag: reportEtag(report) };
        } catch (error) {
          if (!(error instanceof MalformedAnswer)) throw error;
          throw new UpstreamUnavailable(error.message, MALFORMED_RETRY_AFTER_SECONDS, { cause: error });
        }
      });
      return { ...value, maxAgeSeconds: Math.max(0, Math.floor((expiresAt - now()) / 1000)) };
    },
    clear: () => cache.clear(),
  };
}
