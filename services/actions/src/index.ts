export {
  createWeatherServiceReports,
  UnknownPlace,
  WeatherRejected,
  type WeatherReport,
  type WeatherReports,
  type WeatherServiceOptions,
  WeatherUnavailable,
} from "@jeeves/weather-client";
export {
  type ChatConsumerOptions,
  CONSUMER_DEFAULTS,
  CONSUMER_GROUP,
  chatMessageHandler,
  identityOf,
  replyTo,
  startChatConsumer,
} from "./adapters/chat-consumer.ts";
export {
  createDataserviceRecords,
  type DataserviceRecordsOptions,
  NOT_A_SLACK_USER,
  RECORDS_NOT_ALLOWED,
} from "./adapters/dataservice-records.ts";
export { type AppOptions, buildApp } from "./app.ts";
export { type Config, clientSecretFile, DEFAULT_SECRETS_DIR, loadConfig, readClientSecret } from "./config.ts";
export { ACCOUNT_GONE_REPLY, chatUserOf } from "./domain/chat-user.ts";
export type { Command, CommandKind } from "./domain/command.ts";
export { describeCommand } from "./domain/describe-command.ts";
export { helpText } from "./domain/help-text.ts";
export { MAX_MESSAGE_LENGTH, parseCommand } from "./domain/parse-command.ts";
export { REMEMBERED_CHAT_USERS, rememberChatUsers } from "./domain/remembered-chat-users.ts";
export {
  FAILURE_REPLY,
  RECORDS_UNAVAILABLE_REPLY,
  type RunContext,
  runCommand,
  TOO_LONG_REPLY,
  UNKNOWN_REPLY,
  WEATHER_NOT_AVAILABLE_REPLY,
  WEATHER_REJECTED_REPLIES,
  WEATHER_UNAVAILABLE_REPLY,
  WHERE_REPLY,
} from "./domain/run-command.ts";
export {
  type ChatIdentity,
  RecordsRejected,
  RecordsUnavailable,
  UserGone,
  type UserRecords,
  type UserSetting,
} from "./domain/user-records.ts";
export { formatReport } from "./domain/weather-text.ts";
export { ERR } from "./errors.ts";
export { DATASERVICE_SCOPES, prepareActions, TOKEN_SCOPES, WEATHER_SCOPES } from "./service.ts";
