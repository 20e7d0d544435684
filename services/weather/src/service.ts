import { createTokenVerifier, type FeatureFlags } from "@jeeves/service-kit";
import type { FastifyInstance, FastifyServerOptions } from "fastify";
import { buildApp } from "./app.ts";
import type { Config } from "./config.ts";

/**
 * Builds the weather service from its configuration, as `server.ts` and the one-process suite run it:
 * trusts the TokenDealer's JWKS (audience `weather`) and calls OpenWeatherMap at OPENWEATHER_URL with
 * OPENWEATHER_API_KEY (none: demo data, `demo: true` in every report). It does not listen. `now` is the
 * clock of the report cache and `Cache-Control` (default `Date.now`).
 */
export async function prepareWeather(
  config: Config,
  options: { logger?: FastifyServerOptions["logger"]; now?: () => number; flags?: FeatureFlags } = {},
): Promise<FastifyInstance> {
  const verifier = createTokenVerifier({
    jwksUrl: new URL("/.well-known/jwks.json", config.TOKENDEALER_URL).href,
    issuer: config.TOKENDEALER_URL,
    audience: "weather",
  });
  const app = await buildApp({
    verifier,
    tokenDealerUrl: config.TOKENDEALER_URL,
    upstream: {
      baseUrl: config.OPENWEATHER_URL,
      apiKey: config.OPENWEATHER_API_KEY,
      timeoutMs: config.OPENWEATHER_TIMEOUT_MS,
    },
    cacheTtlMs: config.WEATHER_CACHE_TTL_MS,
    now: options.now,
    logger: options.logger,
    flags: options.flags,
    flagsFile: config.FLAGS_FILE,
  });
  if (app.weather.demo) {
    app.log.warn(
      { openweathermap: config.OPENWEATHER_URL },
      "OPENWEATHER_API_KEY is unset: the reports are demo data (demo: true)",
    );
  }
  return app;
}
