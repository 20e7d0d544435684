import type { WeatherReport } from "./report.ts";
import type { Units } from "./units.ts";

/** Metres per second in one mile per hour (exactly 1609.344 m / 3600 s). */
const MPS_PER_MPH = 0.44704;

/** Two decimals, as OpenWeatherMap gives its readings (and without float noise such as 54.32000000000001). */
const twoDecimals = (value: number) => Math.round(value * 100) / 100;

const fahrenheit = (celsius: number) => twoDecimals((celsius * 9) / 5 + 32);
const celsius = (degreesF: number) => twoDecimals(((degreesF - 32) * 5) / 9);

/**
 * The report in other units: temperatures between °C and °F, the wind between m/s and mph, to two
 * decimals; a report already in `units` is answered as it is.
 */
export function reportIn(report: WeatherReport, units: Units): WeatherReport {
  if (report.units === units) return report;
  const toImperial = units === "imperial";
  const degrees = toImperial ? fahrenheit : celsius;
  return {
    ...report,
    units,
    temperature: degrees(report.temperature),
    feels_like: degrees(report.feels_like),
    wind_speed: twoDecimals(toImperial ? report.wind_speed / MPS_PER_MPH : report.wind_speed * MPS_PER_MPH),
  };
}
