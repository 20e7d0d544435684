export { type AppOptions, buildApp } from "./app.ts";
export { type Config, DEFAULT_DATA_DIR, loadConfig } from "./config.ts";
export {
  type ClientDefinition,
  DEFAULT_CLIENTS,
  RETIRED_DEFAULT_CLIENTS,
  reconcileDefaultClients,
} from "./domain/default-clients.ts";
export { DEFAULT_DOCS_ORIGINS, docsOrigins } from "./domain/docs-origins.ts";
export type { SigningAlg } from "./domain/signing-alg.ts";
export { ADMIN_SCOPE, AUDIENCES, SCOPES } from "./domain/suite-names.ts";
export { ACCESS_TOKEN_TYPE, TOKEN_EXCHANGE, USER_ID_TOKEN_TYPE } from "./domain/token-exchange.ts";
export { prepareTokendealer } from "./service.ts";
