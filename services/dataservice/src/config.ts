import { fileURLToPath } from "node:url";
import {
  CONNECT_RETRY_VARIABLES,
  LOG_LEVEL_VARIABLE,
  port,
  positiveInteger,
  readConfig,
  text,
  url,
} from "@jeeves/service-kit";
import manifest from "../service.json" with { type: "json" };
import { DEFAULT_RATE_LIMITS } from "./rate-limits.ts";

function base64Key(value: string): Buffer {
  const key = Buffer.from(value, "base64");
  if (key.length !== 32) throw new Error("must be 32 bytes, base64-encoded");
  return key;
}

function databaseUrl(value: string): string {
  if (value === "sqlite::memory:" || value.startsWith("sqlite:")) return value;
  return url("postgres", "postgresql")(value);
}

/** The embedded default: `data/dataservice` at the repository root, beside the other services' data. */
export const DEFAULT_DATA_DIR = fileURLToPath(new URL("../../../data/dataservice/", import.meta.url));

/** Reads the dataservice's configuration from the environment; throws ConfigError listing every problem. */
export function loadConfig(env: Record<string, string | undefined> = process.env) {
  return readConfig(
    {
      // The port its manifest (service.json) declares, which the suite and the deploy files use too.
      PORT: { default: manifest.port.default, parse: port },
      HOST: { default: "127.0.0.1", parse: text },
      DATABASE_URL: { default: undefined as string | undefined, parse: databaseUrl },
      DATA_DIR: { default: DEFAULT_DATA_DIR, parse: text },
      TOKENDEALER_URL: { default: "http://127.0.0.1:3000", parse: url("http", "https") },
      DATASERVICE_ENCRYPTION_KEY: { default: undefined as Buffer | undefined, parse: base64Key, secret: true },
      DATASERVICE_ENCRYPTION_KEY_FILE: { default: undefined as string | undefined, parse: text },
      JEEVES_ADMIN_EMAIL: { default: "admin@jeeves.local", parse: text },
      JEEVES_ADMIN_PASSWORD: { default: undefined as string | undefined, parse: text, secret: true },
      REDIS_URL: { default: undefined as string | undefined, parse: url("redis", "rediss"), secret: true },
      RATE_LIMIT_VERIFY_PASSWORD_PER_MINUTE: {
        default: DEFAULT_RATE_LIMITS.verifyPasswordPerMinute as number,
        parse: positiveInteger,
      },
      ...LOG_LEVEL_VARIABLE,
      ...CONNECT_RETRY_VARIABLES,
    },
    env,
  );
}

/** The dataservice's validated configuration. */
export type Config = ReturnType<typeof loadConfig>;
