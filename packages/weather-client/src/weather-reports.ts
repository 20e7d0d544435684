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
  /** The weather now at `place`; throws {@link UnknownPlace} or {@link WeatherUnavailable}. */
  current(place: string, units: Units): Promise<WeatherReport>;
}

/** The weather service does not know the place. */
export class UnknownPlace extends Error {
  constructor(readonly place: string) {
    super(`unknown place ${JSON.stringify(place)}`);
    this.name = "UnknownPlace";
  }
}

/** The weather cannot be had now (the service or its upstream is down, our token refused): worth a retry. */
export class WeatherUnavailable extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "WeatherUnavailable";
  }
}
