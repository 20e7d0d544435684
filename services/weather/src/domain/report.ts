import type { components } from "@jeeves/generated/openapi/weather";
import type { CurrentWeather } from "./current-weather-source.ts";
import type { Units } from "./units.ts";

/** The compact report the service answers (specs/openapi/weather.yaml, jeeves.v1.WeatherReport). */
export type WeatherReport = components["schemas"]["WeatherReport"];

/** OpenWeatherMap answered 200 with something that is not a current weather answer. */
export class MalformedAnswer extends Error {
  constructor(what: string) {
    super(`OpenWeatherMap's answer is malformed: ${what}`);
    this.name = "MalformedAnswer";
  }
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);
const isNumber = (value: unknown): value is number => typeof value === "number" && Number.isFinite(value);

function field<T>(parent: Record<string, unknown>, path: string, check: (value: unknown) => value is T): T {
  const value = parent[path.split(".").at(-1) as string];
  if (!check(value)) throw new MalformedAnswer(`${path} is ${value === undefined ? "missing" : "not valid"}`);
  return value;
}

/**
 * Maps OpenWeatherMap's answer (asked in `units`) to the report: the place's name and country, the
 * temperatures as OpenWeatherMap gives them (no rounding: whoever shows them rounds), the main
 * condition, humidity, wind and when the weather was calculated. Throws `MalformedAnswer` when a field
 * the report needs is missing or of the wrong type.
 */
export function toReport(answer: CurrentWeather | unknown, units: Units, demo: boolean): WeatherReport {
  if (!isObject(answer)) throw new MalformedAnswer("not an object");
  const main = field(answer, "main", isObject);
  const wind = field(answer, "wind", isObject);
  const sys = isObject(answer.sys) ? answer.sys : {};
  const conditions = field(answer, "weather", Array.isArray);
  const condition = conditions.find(isObject);
  const dt = field(answer, "dt", isNumber);
  const report: WeatherReport = {
    place: typeof answer.name === "string" ? answer.name : "",
    units,
    temperature: field(main, "main.temp", isNumber),
    feels_like: field(main, "main.feels_like", isNumber),
    description: typeof condition?.description === "string" ? condition.description : "",
    humidity: Math.round(field(main, "main.humidity", isNumber)),
    wind_speed: field(wind, "wind.speed", isNumber),
    observed_at: new Date(dt * 1000).toISOString(),
    demo,
  };
  if (typeof sys.country === "string" && sys.country !== "") report.country = sys.country;
  if (isNumber(wind.deg)) report.wind_direction = Math.round(wind.deg);
  return report;
}
