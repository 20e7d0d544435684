export {
  BERLIN_METRIC,
  DEFAULT_SCRIPT,
  type FakeAnswer,
  type FakeOpenWeatherMap,
  type FakeScript,
  startFakeOpenWeatherMap,
} from "./fake-openweathermap.ts";
export { buildTestWeather, type TestWeather, type TestWeatherOptions, type TrustedDealer } from "./test-weather.ts";
