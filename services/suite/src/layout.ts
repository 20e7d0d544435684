import { join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  CONNECT_RETRY_VARIABLES,
  type ConnectRetry,
  connectRetryOf,
  LOG_LEVEL_VARIABLE,
  port,
  readConfig,
  text,
} from "@jeeves/service-kit";

/** The variable that sets each service's port in the suite (`WEATHER_PORT`; `ROAD_WORKS_PORT` for `road-works`). */
export function portVariable(name: ServiceName): string {
  return `${name.toUpperCase().replaceAll("-", "_")}_PORT`;
}

/** The services the suite runs, in start order (each needs the ones before it). */
export const SERVICES = ["tokendealer", "dataservice", "weather", "slackbot", "actions", "scheduler"] as const;

/** One of the suite's services. */
export type ServiceName = (typeof SERVICES)[number];

/** The default data folder of the embedded suite: `data/` at the repository root. */
export const DEFAULT_DATA_ROOT = fileURLToPath(new URL("../../../data/", import.meta.url));

const DEFAULT_PORTS: Record<ServiceName, number> = {
  tokendealer: 3000,
  dataservice: 3001,
  slackbot: 3002,
  actions: 3003,
  weather: 3004,
  scheduler: 3005,
};

/** Where the suite puts everything: host, one port per service, the data root. */
export interface SuiteLayout {
  host: string;
  ports: Record<ServiceName, number>;
  dataRoot: string;
  /** `http://<host>:<port>` of each service. */
  urls: Record<ServiceName, string>;
  /** Where the OpenWeatherMap mock listens when there is no OPENWEATHER_API_KEY (0: a free port). */
  openweatherMockPort: number;
  /** How often the broker (BUS_URL) and PostgreSQL (DATABASE_URL) are tried at start (`STARTUP_CONNECT_*`). */
  connectRetry: ConnectRetry;
}

/**
 * Reads the suite's own variables: `JEEVES_HOST` (default 127.0.0.1), `JEEVES_DATA_DIR` (default
 * `data/`), `<SERVICE>_PORT` (3000 tokendealer, 3001 dataservice, 3002 slackbot, 3003 actions, 3004
 * weather, 3005 scheduler) and `OPENWEATHER_MOCK_PORT` (3010); and checks `LOG_LEVEL` and
 * `STARTUP_CONNECT_ATTEMPTS` / `STARTUP_CONNECT_DELAY_MS` once for every service.
 */
export function readLayout(env: Record<string, string | undefined> = process.env): SuiteLayout {
  const config = readConfig(
    {
      JEEVES_HOST: { default: "127.0.0.1", parse: text },
      JEEVES_DATA_DIR: { default: DEFAULT_DATA_ROOT, parse: text },
      TOKENDEALER_PORT: { default: DEFAULT_PORTS.tokendealer, parse: port },
      DATASERVICE_PORT: { default: DEFAULT_PORTS.dataservice, parse: port },
      SLACKBOT_PORT: { default: DEFAULT_PORTS.slackbot, parse: port },
      ACTIONS_PORT: { default: DEFAULT_PORTS.actions, parse: port },
      WEATHER_PORT: { default: DEFAULT_PORTS.weather, parse: port },
      SCHEDULER_PORT: { default: DEFAULT_PORTS.scheduler, parse: port },
      OPENWEATHER_MOCK_PORT: { default: 3010, parse: port },
      ...LOG_LEVEL_VARIABLE,
      ...CONNECT_RETRY_VARIABLES,
    },
    env,
  );
  const ports: Record<ServiceName, number> = {
    tokendealer: config.TOKENDEALER_PORT,
    dataservice: config.DATASERVICE_PORT,
    slackbot: config.SLACKBOT_PORT,
    actions: config.ACTIONS_PORT,
    weather: config.WEATHER_PORT,
    scheduler: config.SCHEDULER_PORT,
  };
  const host = config.JEEVES_HOST;
  const urlHost = host.includes(":") ? `[${host}]` : host;
  const urls = Object.fromEntries(SERVICES.map((name) => [name, `http://${urlHost}:${ports[name]}`])) as Record<
    ServiceName,
    string
  >;
  return {
    host,
    ports,
    dataRoot: config.JEEVES_DATA_DIR,
    urls,
    openweatherMockPort: config.OPENWEATHER_MOCK_PORT,
    connectRetry: connectRetryOf(config),
  };
}

/**
 * The environment one service of the suite reads: the suite's environment, with its own PORT, HOST and
 * data folder, the other services' URLs, and the client secrets the TokenDealer wrote on its first
 * start. Variables the person set (say SLACK_API_URL or DATABASE_URL) pass through unchanged.
 */
export function serviceEnv(
  name: ServiceName,
  layout: SuiteLayout,
  env: Record<string, string | undefined> = process.env,
): Record<string, string | undefined> {
  const secrets = join(layout.dataRoot, "tokendealer", "secrets");
  return {
    ...env,
    PORT: String(layout.ports[name]),
    HOST: layout.host,
    DATA_DIR: join(layout.dataRoot, name),
    TOKENDEALER_URL: env.TOKENDEALER_URL || layout.urls.tokendealer,
    DATASERVICE_URL: env.DATASERVICE_URL || layout.urls.dataservice,
    SLACKBOT_URL: env.SLACKBOT_URL || layout.urls.slackbot,
    WEATHER_URL: env.WEATHER_URL || layout.urls.weather,
    SLACKBOT_CLIENT_SECRET_FILE: env.SLACKBOT_CLIENT_SECRET_FILE || join(secrets, "slackbot.secret"),
    ACTIONS_CLIENT_SECRET_FILE: env.ACTIONS_CLIENT_SECRET_FILE || join(secrets, "actions.secret"),
    SCHEDULER_CLIENT_SECRET_FILE: env.SCHEDULER_CLIENT_SECRET_FILE || join(secrets, "scheduler.secret"),
    SLACK_SIGNING_SECRET_FILE: env.SLACK_SIGNING_SECRET_FILE || join(layout.dataRoot, "slackbot", "signing-secret"),
  };
}
