import type { TokenProvider } from "@jeeves/client-kit";
import { createWeatherClient } from "@jeeves/client-kit/clients/weather";
import type { Encoding } from "@jeeves/codecs";
import {
  MAX_PLACE_LENGTH,
  UnknownPlace,
  WeatherRejected,
  type WeatherRejection,
  type WeatherReport,
  type WeatherReports,
  WeatherUnavailable,
} from "./weather-reports.ts";

/** Where the weather service is and how to reach it. */
export interface WeatherServiceOptions {
  /** Its root URL (`WEATHER_URL`). */
  baseUrl: string;
  /** Tokens for the audience `weather` with `weather:read`. */
  auth: TokenProvider;
  /** The fetch to send requests with (tests). */
  fetch?: (input: Request) => Promise<Response>;
  /** The wire encoding of bodies. Default json. */
  encoding?: Encoding;
}

/** Statuses that say "not now" rather than "not this": a timeout and a rate limit. */
const TRANSIENT_4XX = new Set([408, 429]);

/** What a 4xx (other than 404, 408 and 429) to a request for `place` means. */
function rejection(status: number, place: string): WeatherRejection {
  if (status === 414 || status === 431) return "place-too-long";
  if (status === 400) return place.length > MAX_PLACE_LENGTH ? "place-too-long" : "bad-place";
  if (status === 401 || status === 403) return "not-allowed";
  return "refused";
}

/**
 * WeatherReports on the weather service through its generated client (`GET /weather?location&units`).
 * A 4xx is permanent: 404 is UnknownPlace, another 4xx (400 on the place, 414, 431, 401 after a fresh
 * token, 403, …) is WeatherRejected; only no answer (network, TokenDealer), 408, 429 and 5xx are
 * WeatherUnavailable, worth a retry.
 */
export function createWeatherServiceReports(options: WeatherServiceOptions): WeatherReports {
  const client = createWeatherClient({
    baseUrl: options.baseUrl,
    auth: options.auth,
    encoding: options.encoding,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  return {
    async current(place, units): Promise<WeatherReport> {
      const { data, error, response } = await client
        .GET("/weather", { params: { query: { location: place, units } } })
        .catch((cause: unknown) => {
          const reason = cause instanceof Error ? cause.message : String(cause);
          throw new WeatherUnavailable(`weather getWeather: ${reason}`, { cause });
        });
      if (data) return data;
      const { status } = response;
      if (status === 404) throw new UnknownPlace(place);
      const code = (error as { code?: string } | undefined)?.code;
      if (status >= 400 && status < 500 && !TRANSIENT_4XX.has(status)) {
        throw new WeatherRejected(rejection(status, place), status, { code });
      }
      throw new WeatherUnavailable(`weather getWeather: answered ${status}${code ? ` ${code}` : ""}`);
    },
  };
}
