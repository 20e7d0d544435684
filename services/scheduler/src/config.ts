import { fileURLToPath } from "node:url";
import {
  BUS_VARIABLES,
  CONNECT_RETRY_VARIABLES,
  FLAGS_VARIABLES,
  LOG_LEVEL_VARIABLE,
  port,
  readConfig,
  readClientSecret as readSecret,
  text,
  url,
} from "@jeeves/service-kit";
import manifest from "../service.json" with { type: "json" };

/** Where the TokenDealer writes the default clients' secrets on its first start (repository `data/`). */
export const DEFAULT_SECRETS_DIR = fileURLToPath(new URL("../../../data/tokendealer/secrets/", import.meta.url));

/** Parses a tick interval: whole milliseconds, at least 100. */
export function tickInterval(value: string): number {
  const number = Number(value);
  if (!/^\d+$/.test(value) || number < 100) throw new Error("must be whole milliseconds, at least 100");
  return number;
}

/** Reads the scheduler's configuration from the environment; throws ConfigError listing every problem. */
export function loadConfig(env: Record<string, string | undefined> = process.env) {
  return readConfig(
    {
      // The port its manifest (service.json) declares, which the suite and the deploy files use too.
      PORT: { default: manifest.port.default, parse: port },
      HOST: { default: "127.0.0.1", parse: text },
      // May carry a password: never shown.
      BUS_URL: { default: undefined as string | undefined, parse: url("amqp", "amqps"), secret: true },
      ...BUS_VARIABLES,
      DATASERVICE_URL: { default: "http://127.0.0.1:3001", parse: url("http", "https") },
      WEATHER_URL: { default: "http://127.0.0.1:3004", parse: url("http", "https") },
      TOKENDEALER_URL: { default: "http://127.0.0.1:3000", parse: url("http", "https") },
      SCHEDULER_CLIENT_ID: { default: "scheduler", parse: text },
      SCHEDULER_CLIENT_SECRET: { default: undefined as string | undefined, parse: text, secret: true },
      SCHEDULER_CLIENT_SECRET_FILE: { default: undefined as string | undefined, parse: text },
      SCHEDULER_TICK_MS: { default: 30_000, parse: tickInterval },
      ...LOG_LEVEL_VARIABLE,
      ...CONNECT_RETRY_VARIABLES,
      ...FLAGS_VARIABLES,
    },
    env,
  );
}

/** The scheduler's validated configuration. */
export type Config = ReturnType<typeof loadConfig>;

/** The secret file read when SCHEDULER_CLIENT_SECRET is unset: the variable, or `<secrets>/<client id>.secret`. */
export function clientSecretFile(config: Config): string {
  return config.SCHEDULER_CLIENT_SECRET_FILE ?? `${DEFAULT_SECRETS_DIR}${config.SCHEDULER_CLIENT_ID}.secret`;
}

/**
 * The TokenDealer client secret: SCHEDULER_CLIENT_SECRET, or the first line of the secret file. Throws a
 * ConfigError saying what to do when there is neither (the secret is never shown).
 */
export function readClientSecret(config: Config): string {
  return readSecret({
    variable: "SCHEDULER_CLIENT_SECRET",
    secret: config.SCHEDULER_CLIENT_SECRET,
    file: clientSecretFile(config),
  });
}
