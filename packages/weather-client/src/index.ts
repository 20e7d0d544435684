export {
  MAX_PLACE_LENGTH,
  type Units,
  UnknownPlace,
  WeatherRejected,
  type WeatherRejection,
  type WeatherReport,
  type WeatherReports,
  WeatherUnavailable,
} from "./weather-reports.ts";
export { createWeatherServiceReports, type WeatherServiceOptions } from "./weather-service.ts";
