export {
  createOpenWeatherMap,
  DEFAULT_TIMEOUT_MS,
  type OpenWeatherMapOptions,
  RATE_LIMITED_RETRY_AFTER_SECONDS,
  UPSTREAM_RETRY_AFTER_SECONDS,
} from "./adapters/openweathermap.ts";
export { redactUrl } from "./adapters/redact.ts";
export { type AppOptions, buildApp, DEFAULT_CACHE_TTL_MS } from "./app.ts";
export { type Config, loadConfig, OPENWEATHER_DEFAULT_URL } from "./config.ts";
export type { CurrentWeather, CurrentWeatherSource } from "./domain/current-weather-source.ts";
export { cacheKey, type PlaceQuery, placeQuery } from "./domain/place-query.ts";
export { toReport, type WeatherReport } from "./domain/report.ts";
export { DEFAULT_UNITS, type Units } from "./domain/units.ts";
export { UnknownPlace, UpstreamUnavailable } from "./domain/upstream-errors.ts";
export { createWeatherCache, type WeatherAnswer, type WeatherCache } from "./domain/weather-cache.ts";
export { ERR } from "./errors.ts";
export { DEMO_API_KEY, type UpstreamOptions } from "./plugins/weather-cache.ts";
export { prepareWeather } from "./service.ts";
