import { LOG_LEVEL_VARIABLE, port, readConfig, text, url } from "@jeeves/service-kit";
import manifest from "../service.json" with { type: "json" };

/** The port the service listens on by default: its manifest's (the suite's `DASHBOARD_PORT`). */
export const DEFAULT_PORT: number = manifest.port.default;

/** Reads the dashboard service's configuration from the environment; throws ConfigError listing every problem. */
export function loadConfig(env: Record<string, string | undefined> = process.env) {
  return readConfig(
    {
      PORT: { default: DEFAULT_PORT, parse: port },
      HOST: { default: "127.0.0.1", parse: text },
      TOKENDEALER_URL: { default: "http://127.0.0.1:3000", parse: url("http", "https") },
      ...LOG_LEVEL_VARIABLE,
    },
    env,
  );
}

/** The dashboard service's validated configuration. */
export type Config = ReturnType<typeof loadConfig>;
