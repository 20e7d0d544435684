import type { WeatherReport } from "@jeeves/weather-client";

/** A report for tests: Paris, FR, 12 °C, feels like 10 °C, light rain, with `overrides`. */
export function weatherReport(overrides: Partial<WeatherReport> = {}): WeatherReport {
  return { place: "Paris", country: "FR", temperature: 12.2, feels_like: 9.8, description: "light rain", ...overrides };
}
