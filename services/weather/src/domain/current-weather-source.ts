import type { components } from "@jeeves/generated/openapi/openweathermap";
import type { PlaceQuery } from "./place-query.ts";
import type { Units } from "./units.ts";

/** OpenWeatherMap's answer to a current weather call (specs/openapi/external/openweathermap.yaml). */
export type CurrentWeather = components["schemas"]["CurrentWeather"];

/** Where current weather comes from (OpenWeatherMap through its generated client, or a fake in tests). */
export interface CurrentWeatherSource {
  /**
   * OpenWeatherMap's answer for the place in the units. Rejects with `UnknownPlace` or
   * `UpstreamUnavailable` (domain/upstream-errors.ts).
   */
  current(query: PlaceQuery, units: Units): Promise<CurrentWeather>;
}
