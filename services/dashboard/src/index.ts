export { type AppOptions, buildApp } from "./app.ts";
export { type Config, DEFAULT_PORT, loadConfig } from "./config.ts";
export { DEFAULT_NAME, type Greeting, greet } from "./domain/greeting.ts";
export { ERR } from "./errors.ts";
export { prepareDashboard } from "./service.ts";
