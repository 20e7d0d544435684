/** The units of a report: `metric` (°C, m/s) or `imperial` (°F, mph). */
export type Units = "metric" | "imperial";

/** The current weather at a place, as the weather service reports it (the fields its consumers use). */
export interface WeatherReport {
  place: string;
  country?: string;
  /** Degrees in the units asked for (Celsius for metric, Fahrenheit for imperial). */
  temperature: number;
  feels_like: number;
  description: string;
  /** True when the data is demo data (the weather service has no OpenWeatherMap key). */
  demo?: boolean;
}

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
