import type { CurrentWeather, CurrentWeatherSource } from "./current-weather-source.ts";

/**
 * The built-in demo data the `weather-provider` flag can switch to (`demo`): the OpenWeatherMap mock's
 * default example (Berlin, metric, light rain; specs/openapi/external/openweathermap.yaml), whatever
 * place is asked, without any call. Reports made from it say `demo: true`.
 */
export const DEMO_CURRENT_WEATHER: CurrentWeather = {
  coord: { lon: 13.4105, lat: 52.5244 },
  weather: [{ id: 500, main: "Rain", description: "light rain", icon: "10d" }],
  base: "stations",
  main: {
    temp: 12.4,
    feels_like: 11.71,
    temp_min: 11.13,
    temp_max: 13.32,
    pressure: 1012,
    humidity: 76,
    sea_level: 1012,
    grnd_level: 1007,
  },
  visibility: 10000,
  wind: { speed: 4.63, deg: 250, gust: 8.23 },
  rain: { "1h": 0.42 },
  clouds: { all: 75 },
  dt: 1764316800,
  sys: { type: 2, id: 2011538, country: "DE", sunrise: 1764311962, sunset: 1764341186 },
  timezone: 3600,
  id: 2950159,
  name: "Berlin",
  cod: 200,
};

/** A source that answers {@link DEMO_CURRENT_WEATHER} (a copy) for every place and units. */
export function createDemoWeather(): CurrentWeatherSource {
  return { current: async () => structuredClone(DEMO_CURRENT_WEATHER) };
}
