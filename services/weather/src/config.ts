import { ConfigError, FLAGS_VARIABLES, LOG_LEVEL_VARIABLE, port, readConfig, text, url } from "@jeeves/service-kit";
import manifest from "../service.json" with { type: "json" };

/** OpenWeatherMap's real API: the embedded default of OPENWEATHER_URL. */
export const OPENWEATHER_DEFAULT_URL = "https://api.openweathermap.org";

/** Parses a whole number of milliseconds of at least 1. */
export function positiveMilliseconds(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new Error("must be whole milliseconds, at least 1");
  return Number(value);
}

/** Parses a whole number of milliseconds (0 allowed). */
export function milliseconds(value: string): number {
  if (!/^\d+$/.test(value)) throw new Error("must be whole milliseconds");
  return Number(value);
}

/**
 * Reads the weather service's configuration from the environment; throws ConfigError listing every
 * problem. Without OPENWEATHER_API_KEY the reports are demo data, which only the mock gives: then
 * OPENWEATHER_URL must point somewhere other than OpenWeatherMap itself.
 */
export function loadConfig(env: Record<string, string | undefined> = process.env) {
  const config = readConfig(
    {
      // The port its manifest (service.json) declares, which the suite and the deploy files use too.
      PORT: { default: manifest.port.default, parse: port },
      HOST: { default: "127.0.0.1", parse: text },
      TOKENDEALER_URL: { default: "http://127.0.0.1:3000", parse: url("http", "https") },
      OPENWEATHER_URL: { default: OPENWEATHER_DEFAULT_URL, parse: url("http", "https") },
      OPENWEATHER_API_KEY: { default: undefined as string | undefined, parse: text, secret: true },
      OPENWEATHER_TIMEOUT_MS: { default: 5_000, parse: positiveMilliseconds },
      WEATHER_CACHE_TTL_MS: { default: 600_000, parse: milliseconds },
      ...LOG_LEVEL_VARIABLE,
      ...FLAGS_VARIABLES,
    },
    env,
  );
  if (!config.OPENWEATHER_API_KEY && new URL(config.OPENWEATHER_URL).hostname === "api.openweathermap.org") {
    throw new ConfigError([
      "OPENWEATHER_API_KEY is unset, and OpenWeatherMap refuses calls without a key. Set OPENWEATHER_API_KEY, " +
        "or point OPENWEATHER_URL at the mock (`npm run mock -- openweathermap` prints its URL) for demo data.",
    ]);
  }
  return config;
}

/** The weather service's validated configuration. */
export type Config = ReturnType<typeof loadConfig>;
