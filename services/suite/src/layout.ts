import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { SERVICE_MANIFESTS, SERVICE_NAMES, serviceClients, serviceManifest, serviceProcessEnv } from "@jeeves/manifest";
import {
  CONNECT_RETRY_VARIABLES,
  type ConnectRetry,
  connectRetryOf,
  type EnvVar,
  LOG_LEVEL_VARIABLE,
  port,
  readConfig,
  text,
} from "@jeeves/service-kit";

/** The services the suite runs, in start order (each needs the ones before it): the manifest's list. */
export const SERVICES: readonly ServiceName[] = SERVICE_NAMES;

/** One of the suite's services: a name of {@link SERVICES}. */
export type ServiceName = string;

/** The variable that sets a service's port in the suite, from its manifest (`WEATHER_PORT`, `ROAD_WORKS_PORT`). */
export function portVariable(name: ServiceName): string {
  return serviceManifest(name).port.variable;
}

/** The default data folder of the embedded suite: `data/` at the repository root. */
export const DEFAULT_DATA_ROOT = fileURLToPath(new URL("../../../data/", import.meta.url));

/** Each service's port variable, with its manifest's default port. */
const PORT_VARIABLES: Record<string, EnvVar<number>> = Object.fromEntries(
  SERVICE_MANIFESTS.map((service) => [service.port.variable, { default: service.port.default, parse: port }]),
);

/** `road-works` → `ROAD_WORKS`: the prefix of a service's or client's variables. */
function upperSnake(name: string): string {
  return name.toUpperCase().replaceAll("-", "_");
}

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
 * `data/`), each service's port variable with its manifest's default (`TOKENDEALER_PORT` 3000 …
 * `SCHEDULER_PORT` 3005: `services/<name>/service.json`) and `OPENWEATHER_MOCK_PORT` (3010); and checks
 * `LOG_LEVEL` and `STARTUP_CONNECT_ATTEMPTS` / `STARTUP_CONNECT_DELAY_MS` once for every service.
 */
export function readLayout(env: Record<string, string | undefined> = process.env): SuiteLayout {
  const config = readConfig(
    {
      JEEVES_HOST: { default: "127.0.0.1", parse: text },
      JEEVES_DATA_DIR: { default: DEFAULT_DATA_ROOT, parse: text },
      ...PORT_VARIABLES,
      OPENWEATHER_MOCK_PORT: { default: 3010, parse: port },
      ...LOG_LEVEL_VARIABLE,
      ...CONNECT_RETRY_VARIABLES,
    },
    env,
  );
  const portsRead = config as unknown as Record<string, number>;
  const ports: Record<ServiceName, number> = Object.fromEntries(
    SERVICE_MANIFESTS.map((service) => [service.name, portsRead[service.port.variable]]),
  );
  const host = config.JEEVES_HOST;
  const urlHost = host.includes(":") ? `[${host}]` : host;
  const urls: Record<ServiceName, string> = Object.fromEntries(
    SERVICES.map((name) => [name, `http://${urlHost}:${ports[name]}`]),
  );
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
 * data folder, every service's URL (`<NAME>_URL`), and the files of the client secrets the TokenDealer
 * wrote on its first start (`<CLIENT>_CLIENT_SECRET_FILE`, one per client of the manifests), and the
 * settings of a service process (`NODE_OPTIONS`, `GLIBC_TUNABLES`: the manifest's serviceProcessEnv, the
 * person's own after them; read by a process the cluster starts, unused by the one-process suite's).
 * Variables the person set (say SLACK_API_URL, DATABASE_URL or WEATHER_URL) pass through unchanged.
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
    ...Object.fromEntries(
      SERVICES.map((service) => {
        const variable = `${upperSnake(service)}_URL`;
        return [variable, env[variable] || layout.urls[service]];
      }),
    ),
    ...Object.fromEntries(
      serviceClients().map(({ id }) => {
        const variable = `${upperSnake(id)}_CLIENT_SECRET_FILE`;
        return [variable, env[variable] || join(secrets, `${id}.secret`)];
      }),
    ),
    SLACK_SIGNING_SECRET_FILE: env.SLACK_SIGNING_SECRET_FILE || join(layout.dataRoot, "slackbot", "signing-secret"),
    FLAGS_FILE: env.FLAGS_FILE || join(layout.dataRoot, "flags.json"),
    ...serviceProcessEnv(env),
  };
}
