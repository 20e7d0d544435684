import { observedFetch, pooledFetch } from "@jeeves/client-kit";
import { FLAG } from "@jeeves/service-kit";
import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";
import { createOpenWeatherMap } from "../adapters/openweathermap.ts";
import { createDemoWeather } from "../domain/demo-weather.ts";
import { createWeatherCache, type WeatherCache } from "../domain/weather-cache.ts";

declare module "fastify" {
  interface FastifyInstance {
    /** The weather reports: OpenWeatherMap behind a 10-minute cache. */
    weather: WeatherCache;
  }
}

/** The key sent when none is configured: the reports are then demo data (the mock takes any key). */
export const DEMO_API_KEY = "demo";

/** The values of the `weather-provider` flag; anything else means `openweathermap`. */
export const WEATHER_PROVIDERS = { openweathermap: "openweathermap", demo: "demo" } as const;

/** Where OpenWeatherMap is and how to call it. */
export interface UpstreamOptions {
  /** OpenWeatherMap's root URL (`https://api.openweathermap.org`) or its mock's. */
  baseUrl: string;
  /** The API key; without one the key `demo` is sent and every report says `demo: true`. */
  apiKey?: string;
  /** The fetch to call OpenWeatherMap with (default the global one). */
  fetch?: (input: Request) => Promise<Response>;
  /** How long one call may take, ms (default 5000). */
  timeoutMs?: number;
}

/** Options of the weather cache plugin. */
export interface WeatherCachePluginOptions {
  upstream: UpstreamOptions;
  /** How long a report is kept, ms. */
  cacheTtlMs: number;
  /** Most reports kept (default 1000). */
  cacheMaxEntries?: number;
  /** The clock, ms (default `Date.now`). */
  now?: () => number;
}

/** Decorates `app.weather`: reports from OpenWeatherMap (its generated client), kept in memory; forgotten on close. */
export const weatherCachePlugin = fp(
  async (app: FastifyInstance, options: WeatherCachePluginOptions) => {
    const demo = !options.upstream.apiKey;
    const source = createOpenWeatherMap({
      baseUrl: options.upstream.baseUrl,
      apiKey: options.upstream.apiKey || DEMO_API_KEY,
      // Each call counted in jeeves_outbound_requests_total{target="openweathermap"}.
      fetch: observedFetch(options.upstream.fetch ?? pooledFetch, app.metrics.outbound("openweathermap")),
      timeoutMs: options.upstream.timeoutMs,
      logger: app.log,
    });
    const weather = createWeatherCache({
      source,
      demo,
      ttlMs: options.cacheTtlMs,
      maxEntries: options.cacheMaxEntries,
      now: options.now,
      onLookup: (hit) => app.metrics.cache("weather", hit),
    });
    // The `weather-provider` flag (docs/feature-flags.md) picks, per call: `openweathermap` (the configured
    // OPENWEATHER_URL, with the key when set) or `demo` (built-in demo data, no call at all).
    const demoData = createWeatherCache({
      source: createDemoWeather(),
      demo: true,
      ttlMs: options.cacheTtlMs,
      maxEntries: options.cacheMaxEntries,
      now: options.now,
      onLookup: (hit) => app.metrics.cache("weather", hit),
    });
    const flagged: WeatherCache = {
      demo: weather.demo,
      async report(location, units) {
        const provider = await app.flags.string(FLAG.WEATHER_PROVIDER, WEATHER_PROVIDERS.openweathermap);
        return (provider === WEATHER_PROVIDERS.demo ? demoData : weather).report(location, units);
      },
      clear() {
        weather.clear();
        demoData.clear();
      },
    };
    app.decorate("weather", flagged);
    app.addHook("onClose", async () => flagged.clear());
  },
  { name: "weather-cache", dependencies: ["feature-flags"] },
);
