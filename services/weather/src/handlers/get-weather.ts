import type { GetWeatherHandler } from "@jeeves/generated/handlers/weather";
import { type HandlerContext, noneMatchHits } from "@jeeves/service-kit";
import { DEFAULT_UNITS } from "../domain/units.ts";
import { UnknownPlace, UpstreamUnavailable } from "../domain/upstream-errors.ts";
import type { WeatherAnswer } from "../domain/weather-cache.ts";
import { ERR } from "../errors.ts";

/**
 * The current weather at `location` in `units` (metric by default), kept 10 minutes: `ETag` and
 * `Cache-Control: max-age=<seconds left>`, 304 for a current If-None-Match; 404 for an unknown place,
 * 503 with Retry-After when OpenWeatherMap cannot answer.
 */
export const getWeather: GetWeatherHandler<HandlerContext> = async ({ query, headers }, { app }) => {
  let answer: WeatherAnswer;
  try {
    answer = await app.weather.report(query.location, query.units ?? DEFAULT_UNITS);
  } catch (error) {
    if (error instanceof UnknownPlace) throw ERR.UNKNOWN_PLACE({ detail: error.message });
    if (error instanceof UpstreamUnavailable) {
      throw ERR.UPSTREAM({
        detail: error.message,
        cause: error,
        headers: { "retry-after": String(error.retryAfterSeconds) },
      });
    }
    throw error;
  }
  const cache = { etag: answer.etag, "cache-control": `max-age=${answer.maxAgeSeconds}`, vary: "Accept" };
  if (noneMatchHits(headers["if-none-match"], answer.etag)) return { status: 304, headers: cache };
  return { status: 200, body: answer.report, headers: cache };
};
