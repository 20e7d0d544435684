import type { Units, WeatherReport } from "@jeeves/weather-client";

/**
 * "Paris, FR: 12°C, feels like 10°C, light rain" (whole degrees). Demo data says so, and says when the
 * mock answered for another place than the one `asked` for (it always answers with its example place).
 */
export function formatReport(report: WeatherReport, units: Units, asked?: string): string {
  const unit = units === "imperial" ? "°F" : "°C";
  // Half away from zero (-3.5 → -4, as people round), and never "-0".
  const whole = (value: number) => Math.sign(value) * Math.round(Math.abs(value)) || 0;
  const degrees = (value: number) => `${whole(value)}${unit}`;
  const where = report.country ? `${report.place}, ${report.country}` : report.place;
  const text = `${where}: ${degrees(report.temperature)}, feels like ${degrees(report.feels_like)}, ${report.description}`;
  if (!report.demo) return text;
  const samePlace = asked === undefined || sameName(asked, report.place);
  return samePlace
    ? `${text} (demo data: no OpenWeatherMap key is set)`
    : `${text} (demo data: no OpenWeatherMap key is set, so the mock answers with ${where} for every place)`;
}

/** Whether a place as written names the reported place: "paris, fr" and "Paris" do. */
function sameName(asked: string, place: string): boolean {
  const name = (text: string) => text.split(",")[0].trim().toLocaleLowerCase();
  return name(asked) === name(place);
}
