export { type Caller, createDataservice, type Dataservice, type DataserviceOptions } from "./adapters/dataservice.ts";
export { type Chat, type ChatOptions, conversationOf, createChat } from "./adapters/slackbot-chat.ts";
export { type AppOptions, buildApp } from "./app.ts";
export {
  type Config,
  DEFAULT_PORT,
  DEFAULT_STATIC_DIR,
  loadConfig,
} from "./config.ts";
export { loginKey } from "./domain/login-failures.ts";
export { ERR } from "./errors.ts";
export { buildPage, type PageBuildState, pageBuildState, WEB_DIR } from "./page-build.ts";
export { appOptionsFromConfig, prepareDashboard } from "./service.ts";
export { PERSON_SCOPES, TOKEN_SCOPES } from "./token-scopes.ts";
