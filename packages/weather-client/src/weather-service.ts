import { createClient, type TokenProvider } from "@jeeves/client-kit";
import type { Encoding } from "@jeeves/codecs";
import type { paths } from "@jeeves/generated/openapi/weather";
import { spec } from "@jeeves/generated/specs/weather";
import { UnknownPlace, type WeatherReport, type WeatherReports, WeatherUnavailable } from "./weather-reports.ts";

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

/**
 * WeatherReports on the weather service through its generated client (`GET /weather?location&units`):
 * 404 is UnknownPlace; no answer (network, TokenDealer), 401/403 (our setup) and 5xx are
 * WeatherUnavailable, worth a retry.
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
    async current(place, units): Promise<WeatherReport> {
      const { data, error, response } = await client
        .GET("/weather", { params: { query: { location: place, units } } })
        .catch((cause: unknown) => {
          const reason = cause instanceof Error ? cause.message : String(cause);
          throw new WeatherUnavailable(`weather getWeather: ${reason}`, { cause });
        });
      if (data) return data;
      if (response.status === 404) throw new UnknownPlace(place);
      const code = (error as { code?: string } | undefined)?.code;
      throw new WeatherUnavailable(`weather getWeather: answered ${response.status}${code ? ` ${code}` : ""}`);
    },
  };
}
