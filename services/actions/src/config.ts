import { fileURLToPath } from "node:url";
import {
  BUS_VARIABLES,
  CONNECT_RETRY_VARIABLES,
  FLAGS_VARIABLES,
  LOG_LEVEL_VARIABLE,
  port,
  REDIS_VARIABLES,
  readConfig,
  readClientSecret as readSecret,
  text,
  url,
} from "@jeeves/service-kit";
import manifest from "../service.json" with { type: "json" };

/** Where the TokenDealer writes the default clients' secrets on its first start (repository `data/`). */
export const DEFAULT_SECRETS_DIR = fileURLToPath(new URL("../../../data/tokendealer/secrets/", import.meta.url));

/** Parses a whole number of at least 1. */
export function positiveInteger(value: string): number {
  const number = Number(value);
  if (!/^\d+$/.test(value) || number < 1) throw new Error("must be a whole number of at least 1");
  return number;
}

/** Parses a duration in whole milliseconds (0 allowed). */
export function milliseconds(value: string): number {
  if (!/^\d+$/.test(value)) throw new Error("must be whole milliseconds");
  return Number(value);
}

/** Reads the actions service's configuration from the environment; throws ConfigError listing every problem. */
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
      TOKENDEALER_URL: { default: "http://127.0.0.1:3000", parse: url("http", "https") },
      WEATHER_URL: { default: "http://127.0.0.1:3004", parse: url("http", "https") },
      ACTIONS_CLIENT_ID: { default: "actions", parse: text },
      ACTIONS_CLIENT_SECRET: { default: undefined as string | undefined, parse: text, secret: true },
      ACTIONS_CLIENT_SECRET_FILE: { default: undefined as string | undefined, parse: text },
      ACTIONS_MAX_ATTEMPTS: { default: 5, parse: positiveInteger },
      ACTIONS_RETRY_DELAY_MS: { default: 5_000, parse: milliseconds },
      ...REDIS_VARIABLES,
      ...LOG_LEVEL_VARIABLE,
      ...FLAGS_VARIABLES,
      ...CONNECT_RETRY_VARIABLES,
    },
    env,
  );
}

/** The actions service's validated configuration. */
export type Config = ReturnType<typeof loadConfig>;

/** The secret file read when ACTIONS_CLIENT_SECRET is unset: the variable, or `<secrets>/<client id>.secret`. */
export function clientSecretFile(config: Config): string {
  return config.ACTIONS_CLIENT_SECRET_FILE ?? `${DEFAULT_SECRETS_DIR}${config.ACTIONS_CLIENT_ID}.secret`;
}

/**
 * The TokenDealer client secret: ACTIONS_CLIENT_SECRET, or the first line of the secret file. Throws a
 * ConfigError saying what to do when there is neither (the secret is never shown).
 */
export function readClientSecret(config: Config): string {
  return readSecret({
    variable: "ACTIONS_CLIENT_SECRET",
    secret: config.ACTIONS_CLIENT_SECRET,
    file: clientSecretFile(config),
  });
}
