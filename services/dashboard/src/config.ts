import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { SERVICE_MANIFESTS } from "@jeeves/manifest";
import {
  CONNECT_RETRY_VARIABLES,
  ConfigError,
  type EnvVar,
  LOG_LEVEL_VARIABLE,
  port,
  positiveInteger,
  REDIS_VARIABLES,
  readConfig,
  text,
  url,
  withoutTrailingSlashes,
} from "@jeeves/service-kit";
import manifest from "../service.json" with { type: "json" };

/** The port the service listens on by default: its manifest's (the suite's `DASHBOARD_PORT`). */
export const DEFAULT_PORT: number = manifest.port.default;

/** Where the TokenDealer's embedded default writes the dashboard's client secret. */
export const DEFAULT_CLIENT_SECRET_FILE = fileURLToPath(
  new URL("../../../data/tokendealer/secrets/dashboard.secret", import.meta.url),
);

/**
 * The built page: `public/` beside this module when it is there (the built bundle, dist/server.js, gets a
 * copy of the page in dist/public, so a copy of dist/ alone serves it), else the output of `vite build`
 * of services/dashboard/web, services/dashboard/web/dist, found from this module's folder two levels
 * down (`services/dashboard/src`, the built `services/dashboard/dist`, or a bundle of the suite in
 * `services/suite/dist`).
 */
export const DEFAULT_STATIC_DIR = existsSync(fileURLToPath(new URL("./public/index.html", import.meta.url)))
  ? fileURLToPath(new URL("./public/", import.meta.url))
  : fileURLToPath(new URL("../../dashboard/web/dist/", import.meta.url));

/** How long a session lasts by default: 8 hours. */
export const DEFAULT_SESSION_TTL_SECONDS = 8 * 60 * 60;

/** Failed logins allowed per address and email within a minute, by default. */
export const DEFAULT_LOGIN_FAILURES_PER_MINUTE = 10;

/** Parses a public base URL (http or https); a trailing `/` is dropped. */
export function publicUrl(value: string): string {
  url("http", "https")(value);
  return withoutTrailingSlashes(value);
}

/** Parses a positive whole number of milliseconds. */
export function milliseconds(value: string): number {
  const ms = Number(value);
  if (!/^\d{1,9}$/.test(value) || ms < 1) throw new Error("must be a positive whole number of milliseconds");
  return ms;
}

/** `road-works` → `ROAD_WORKS`: the prefix of a service's variables. */
function upperSnake(name: string): string {
  return name.toUpperCase().replaceAll("-", "_");
}

/**
 * The public URL of every other service of the manifest, for the links to their docs: `<NAME>_PUBLIC_URL`,
 * else `<NAME>_URL` (the suite sets it), else `http://127.0.0.1:<its default port>`.
 */
export function servicePublicUrls(env: Record<string, string | undefined>): Record<string, string> {
  const schema: Record<string, EnvVar<string>> = {};
  for (const service of SERVICE_MANIFESTS) {
    if (service.name === manifest.name) continue;
    const prefix = upperSnake(service.name);
    const internal = env[`${prefix}_URL`];
    let fallback = `http://127.0.0.1:${service.port.default}`;
    try {
      if (internal) fallback = publicUrl(internal);
    } catch {
      // A wrong <NAME>_URL is that service's problem (and the dashboard's only for DATASERVICE_URL and SLACKBOT_URL).
    }
    schema[`${prefix}_PUBLIC_URL`] = { default: fallback, parse: publicUrl };
  }
  const read = readConfig(schema, env) as Record<string, string>;
  return Object.fromEntries(
    SERVICE_MANIFESTS.filter((service) => service.name !== manifest.name).map((service) => [
      service.name,
      read[`${upperSnake(service.name)}_PUBLIC_URL`],
    ]),
  );
}

/** Reads the dashboard service's configuration from the environment; throws ConfigError listing every problem. */
export function loadConfig(env: Record<string, string | undefined> = process.env) {
  const problems: string[] = [];
  const collect = <T>(read: () => T): T | undefined => {
    try {
      return read();
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      problems.push(...error.problems);
      return undefined;
    }
  };
  const config = collect(() => readVariables(env));
  const urls = collect(() => servicePublicUrls(env));
  if (!config || !urls) throw new ConfigError(problems);
  return { ...config, SERVICE_PUBLIC_URLS: urls };
}

/** The dashboard's own variables (the suite's services' public URLs aside). */
function readVariables(env: Record<string, string | undefined>) {
  return readConfig(
    {
      PORT: { default: DEFAULT_PORT, parse: port },
      HOST: { default: "127.0.0.1", parse: text },
      TOKENDEALER_URL: { default: "http://127.0.0.1:3000", parse: url("http", "https") },
      DATASERVICE_URL: { default: "http://127.0.0.1:3001", parse: url("http", "https") },
      SLACKBOT_URL: { default: "http://127.0.0.1:3002", parse: url("http", "https") },
      DASHBOARD_CLIENT_ID: { default: "dashboard", parse: text },
      DASHBOARD_CLIENT_SECRET: { default: undefined as string | undefined, parse: text, secret: true },
      DASHBOARD_CLIENT_SECRET_FILE: { default: DEFAULT_CLIENT_SECRET_FILE, parse: text },
      DASHBOARD_PUBLIC_URL: { default: undefined as string | undefined, parse: publicUrl },
      SLACKBOT_PUBLIC_URL: { default: undefined as string | undefined, parse: publicUrl },
      DASHBOARD_STATIC_DIR: { default: DEFAULT_STATIC_DIR, parse: text },
      DASHBOARD_SESSION_TTL_SECONDS: { default: DEFAULT_SESSION_TTL_SECONDS as number, parse: positiveInteger },
      RATE_LIMIT_LOGIN_PER_MINUTE: { default: DEFAULT_LOGIN_FAILURES_PER_MINUTE as number, parse: positiveInteger },
      UPSTREAM_TIMEOUT_MS: { default: 10_000, parse: milliseconds },
      CHAT_TIMEOUT_MS: { default: 20_000, parse: milliseconds },
      ...REDIS_VARIABLES,
      ...LOG_LEVEL_VARIABLE,
      ...CONNECT_RETRY_VARIABLES,
    },
    env,
  );
}

/** The dashboard service's validated configuration. */
export type Config = ReturnType<typeof loadConfig>;
