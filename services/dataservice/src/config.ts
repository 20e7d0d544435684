import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import {
  CONNECT_RETRY_VARIABLES,
  ConfigError,
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

/** The bounds of a user's password (UserCreate in the spec): the admin's is checked against them at start. */
export const ADMIN_PASSWORD_LENGTH = { min: 8, max: 200 } as const;

/** An admin password of 8 to 200 characters; the message never shows it. */
function adminPassword(value: string): string {
  const length = [...value].length;
  if (length < ADMIN_PASSWORD_LENGTH.min || length > ADMIN_PASSWORD_LENGTH.max) {
    throw new Error(`must be ${ADMIN_PASSWORD_LENGTH.min} to ${ADMIN_PASSWORD_LENGTH.max} characters`);
  }
  return value;
}

/** The admin password in a file (without the line breaks that end it), checked like the variable. */
function adminPasswordFile(path: string): string {
  let content: string;
  try {
    content = readFileSync(path, "utf8");
  } catch (error) {
    throw new Error(`cannot be read (${(error as NodeJS.ErrnoException).code ?? "error"})`);
  }
  let end = content.length;
  while (end > 0 && (content[end - 1] === "\n" || content[end - 1] === "\r")) end -= 1;
  try {
    return adminPassword(content.slice(0, end));
  } catch (error) {
    throw new Error(`the password in it ${(error as Error).message}`);
  }
}

/** An email address as the admin's login: something@somewhere, at most 320 characters. */
function adminEmail(value: string): string {
  if (value.length > 320 || !/^[^\s@]+@[^\s@]+$/.test(value)) throw new Error("must be an email address");
  return value;
}

function databaseUrl(value: string): string {
  if (value === "sqlite::memory:" || value.startsWith("sqlite:")) return value;
  return url("postgres", "postgresql")(value);
}

/** The embedded default: `data/dataservice` at the repository root, beside the other services' data. */
export const DEFAULT_DATA_DIR = fileURLToPath(new URL("../../../data/dataservice/", import.meta.url));

/**
 * Reads the dataservice's configuration from the environment; throws ConfigError listing every problem.
 * The admin's password comes from `JEEVES_ADMIN_PASSWORD` or from the file `JEEVES_ADMIN_PASSWORD_FILE`
 * names (setting both is refused); either way `JEEVES_ADMIN_PASSWORD` holds it.
 */
export function loadConfig(env: Record<string, string | undefined> = process.env) {
  const { JEEVES_ADMIN_PASSWORD_FILE: fromFile, ...config } = readConfig(
    {
      // The port its manifest (service.json) declares, which the suite and the deploy files use too.
      PORT: { default: manifest.port.default, parse: port },
      HOST: { default: "127.0.0.1", parse: text },
      DATABASE_URL: { default: undefined as string | undefined, parse: databaseUrl },
      DATA_DIR: { default: DEFAULT_DATA_DIR, parse: text },
      TOKENDEALER_URL: { default: "http://127.0.0.1:3000", parse: url("http", "https") },
      DATASERVICE_ENCRYPTION_KEY: { default: undefined as Buffer | undefined, parse: base64Key, secret: true },
      DATASERVICE_ENCRYPTION_KEY_FILE: { default: undefined as string | undefined, parse: text },
      JEEVES_ADMIN_EMAIL: { default: "admin@jeeves.local", parse: adminEmail },
      JEEVES_ADMIN_PASSWORD: { default: undefined as string | undefined, parse: adminPassword, secret: true },
      JEEVES_ADMIN_PASSWORD_FILE: { default: undefined as string | undefined, parse: adminPasswordFile },
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
  if (config.JEEVES_ADMIN_PASSWORD !== undefined && fromFile !== undefined) {
    throw new ConfigError(["JEEVES_ADMIN_PASSWORD and JEEVES_ADMIN_PASSWORD_FILE are both set: set one of them"]);
  }
  return { ...config, JEEVES_ADMIN_PASSWORD: config.JEEVES_ADMIN_PASSWORD ?? fromFile };
}

/** The dataservice's validated configuration. */
export type Config = ReturnType<typeof loadConfig>;
