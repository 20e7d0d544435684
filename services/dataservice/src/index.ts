export { type AppOptions, buildApp } from "./app.ts";
export { type Config, DEFAULT_DATA_DIR, loadConfig } from "./config.ts";
export { adminNotice, type PreparedDataservice, prepareDataservice } from "./service.ts";
