export {
  createWeatherServiceReports,
  type Units,
  UnknownPlace,
  type WeatherReport,
  type WeatherReports,
  type WeatherServiceOptions,
  WeatherUnavailable,
} from "@jeeves/weather-client";
export { createDataserviceAlerts, type DataserviceAlertsOptions } from "./adapters/dataservice-alerts.ts";
export { type AppOptions, buildApp } from "./app.ts";
export {
  type Config,
  clientSecretFile,
  DEFAULT_SECRETS_DIR,
  loadConfig,
  readClientSecret,
  tickInterval,
} from "./config.ts";
export {
  type AlertRecords,
  AlertRecordsUnavailable,
  type AlertSubscription,
  type ClaimOutcome,
} from "./domain/alert-records.ts";
export { alertText, greeting, unavailableText, unknownPlaceText } from "./domain/alert-text.ts";
export { ALERT_WINDOW_MINUTES, dueAlertDate } from "./domain/due-alert.ts";
export { type LocalTime, localTime } from "./domain/local-time.ts";
export { type AlertDecision, type AlertPlan, planAlert, type SkipReason } from "./domain/plan-alert.ts";
export { alertReplyId, runTick, type TickDependencies, type TickSummary } from "./domain/run-tick.ts";
export { ERR } from "./errors.ts";
export { type AlertClock, DEFAULT_TICK_MS } from "./plugins/alert-clock.ts";
export { DATASERVICE_SCOPES, prepareScheduler, TOKEN_SCOPES, WEATHER_SCOPES } from "./service.ts";
