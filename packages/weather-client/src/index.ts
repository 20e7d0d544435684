export {
  type Units,
  UnknownPlace,
  type WeatherReport,
  type WeatherReports,
  WeatherUnavailable,
} from "./weather-reports.ts";
export { createWeatherServiceReports, type WeatherServiceOptions } from "./weather-service.ts";
