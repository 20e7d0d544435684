import { createClient, type TokenProvider } from "@jeeves/client-kit";
import type { Encoding } from "@jeeves/codecs";
import type { paths } from "@jeeves/generated/openapi/weather";
import { spec } from "@jeeves/generated/specs/weather";
import type { Units } from "../domain/command.ts";
import {
  UnknownPlace,
  type WeatherReport,
  type WeatherReports,
  WeatherUnavailable,
} from "../domain/weather-reports.ts";

/** Where the weather service is and how to reach it. */
export interface WeatherServiceOptions {
  /** Its root URL (`WEATHER_URL`). */
  baseUrl: string;
  /** Tokens for the audience `weather` with `weather:read`. */
  auth: TokenProvider;
  /** The fetch to send requests with (tests). */
  fetch?: (input: Request) => Promise<Response>;
  /** The wire encoding. Default json. */
  encoding?: Encoding;
}

/**
 * WeatherReports on the weather service through its generated client: 404 → UnknownPlace; no answer
 * (network, TokenDealer), 401/403 (our setup) and 5xx → WeatherUnavailable, worth a retry.
 */
export function createWeatherServiceReports(options: WeatherServiceOptions): WeatherReports {
  const client = createClient<paths>({
    spec,
    baseUrl: options.baseUrl,
    auth: options.auth,
    encoding: options.encoding,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  return {
    async current(place: string, units: Units): Promise<WeatherReport> {
      const { data, response } = await client
        .GET("/weather", { params: { query: { location: place, units } } })
        .catch((error: unknown) => {
          const reason = error instanceof Error ? error.message : String(error);
          throw new WeatherUnavailable(`weather: ${reason}`, { cause: error });
        });
      if (data) return data;
      if (response.status === 404) throw new UnknownPlace(place);
      throw new WeatherUnavailable(`weather answered ${response.status}`);
    },
  };
}
