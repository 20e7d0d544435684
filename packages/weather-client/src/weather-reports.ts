import type { components } from "@jeeves/generated/openapi/weather";

/** The units of a report (the weather spec's `Units`): `metric` (°C, m/s) or `imperial` (°F, mph). */
export type Units = components["schemas"]["Units"];

/** The weather spec's report. */
type SpecReport = components["schemas"]["WeatherReport"];

/**
 * The current weather at a place, as the weather service reports it: the fields of the spec's
 * `WeatherReport` its consumers use (temperatures in the units asked for), `demo` optional so that a
 * fake need not say it.
 */
export type WeatherReport = Pick<SpecReport, "place" | "country" | "temperature" | "feels_like" | "description"> &
  Partial<Pick<SpecReport, "demo">>;

/** Where the weather comes from (the weather service, or a fake in tests). */
export interface WeatherReports {
  /**
   * The weather now at `place`; throws {@link UnknownPlace} or {@link WeatherRejected} (answer the person
   * at once), or {@link WeatherUnavailable} (worth a retry).
   */
  current(place: string, units: Units): Promise<WeatherReport>;
}

/** The weather service does not know the place. */
export class UnknownPlace extends Error {
  constructor(readonly place: string) {
    super(`unknown place ${JSON.stringify(place)}`);
    this.name = "UnknownPlace";
  }
}

/** The longest place the weather service takes (the weather spec's `maxLength` of `location`). */
export const MAX_PLACE_LENGTH = 200;

/**
 * Why the weather service refused a request: the place is longer than it takes (400 on a place over
 * {@link MAX_PLACE_LENGTH}, 414, 431), it refused the place otherwise (400), it refused us (401 after a
 * fresh token, 403: our setup), or it refused the request for another reason (another 4xx).
 */
export type WeatherRejection = "place-too-long" | "bad-place" | "not-allowed" | "refused";

/**
 * The weather service answered a 4xx other than 404, 408 and 429: the request is wrong and asking again
 * cannot help, so the person is answered at once.
 */
export class WeatherRejected extends Error {
  constructor(
    readonly reason: WeatherRejection,
    readonly status: number,
    options?: { code?: string },
  ) {
    super(`weather getWeather: answered ${status}${options?.code ? ` ${options.code}` : ""} (${reason})`);
    this.name = "WeatherRejected";
  }
}

/** The weather cannot be had now (no answer, 5xx, 408 or 429 from the service): worth a retry. */
export class WeatherUnavailable extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "WeatherUnavailable";
  }
}
