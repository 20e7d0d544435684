import type { Units, WeatherReport } from "@jeeves/weather-client";

/** The greeting for an alert at this local time of day (minutes since midnight). */
export function greeting(alertMinutes: number): string {
  if (alertMinutes >= 5 * 60 && alertMinutes < 12 * 60) return "Good morning!";
  if (alertMinutes >= 12 * 60 && alertMinutes < 18 * 60) return "Good afternoon!";
  return "Good evening!";
}

/**
 * The alert for a report, in plain text: "Good morning! Paris, FR: 12°C, feels like 10°C, light rain."
 * (whole degrees, never -0; a note when the data is a demo).
 */
export function alertText(report: WeatherReport, units: Units, alertMinutes: number): string {
  const unit = units === "imperial" ? "°F" : "°C";
  const degrees = (value: number) => `${Math.round(value) === 0 ? 0 : Math.round(value)}${unit}`;
  const where = report.country ? `${report.place}, ${report.country}` : report.place;
  const text =
    `${greeting(alertMinutes)} ${where}: ${degrees(report.temperature)}, ` +
    `feels like ${degrees(report.feels_like)}, ${report.description}.`;
  return report.demo ? `${text} (Demo data: no OpenWeatherMap key is set.)` : text;
}

/** The alert when the weather cannot be had: the alert was claimed, so it goes out anyway, once. */
export function unavailableText(place: string): string {
  return `Your daily weather alert: I couldn't get the weather for ${place} right now.`;
}

/** The alert when the weather service knows no such place. */
export function unknownPlaceText(place: string): string {
  return `Your daily weather alert: I couldn't find a place called ${place}. Set another with \`location set <place>\`.`;
}
