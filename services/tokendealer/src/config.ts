import { fileURLToPath } from "node:url";
import {
  LOG_LEVEL_VARIABLE,
  port,
  positiveInteger,
  readConfig,
  text,
  url,
  withoutTrailingSlashes,
} from "@jeeves/service-kit";
import manifest from "../service.json" with { type: "json" };
import { DEFAULT_DOCS_ORIGINS, parseDocsOrigins } from "./domain/docs-origins.ts";
import { isSigningAlg, SIGNING_ALGS, type SigningAlg } from "./domain/signing-alg.ts";
import { DEFAULT_RATE_LIMITS } from "./rate-limits.ts";

/** The embedded default's data folder: `data/tokendealer` at the repository root, shared by the suite. */
export const DEFAULT_DATA_DIR = fileURLToPath(new URL("../../../data/tokendealer/", import.meta.url));

/** The default issuer. */
export const DEFAULT_ISSUER = "http://127.0.0.1:3000";

/** Parses the issuer: an http(s) URL without query or fragment; a trailing slash is dropped. */
export function issuerUrl(value: string): string {
  url("http", "https")(value);
  const parsed = new URL(value);
  if (parsed.search || parsed.hash) throw new Error("must have no query or fragment (RFC 8414)");
  return withoutTrailingSlashes(value);
}

/** Parses a signing algorithm. */
export function signingAlg(value: string): SigningAlg {
  if (!isSigningAlg(value)) throw new Error(`must be one of ${SIGNING_ALGS.join(", ")}`);
  return value;
}

/** Parses a token lifetime: whole seconds from 60 to 86400. */
export function ttlSeconds(value: string): number {
  const seconds = Number(value);
  if (!/^\d+$/.test(value) || seconds < 60 || seconds > 86_400) throw new Error("must be whole seconds, 60-86400");
  return seconds;
}

/** Reads the TokenDealer's configuration from the environment; throws ConfigError listing every problem. */
export function loadConfig(env: Record<string, string | undefined> = process.env) {
  return readConfig(
    {
      // The port its manifest (service.json) declares, which the suite and the deploy files use too.
      PORT: { default: manifest.port.default, parse: port },
      HOST: { default: "127.0.0.1", parse: text },
      DATA_DIR: { default: DEFAULT_DATA_DIR, parse: text },
      TOKENDEALER_URL: { default: DEFAULT_ISSUER, parse: issuerUrl },
      TOKENDEALER_ALG: { default: "RS256" as SigningAlg, parse: signingAlg },
      TOKEN_TTL_SECONDS: { default: 600, parse: ttlSeconds },
      TOKENDEALER_KEYS_FILE: { default: undefined as string | undefined, parse: text },
      TOKENDEALER_CLIENTS_FILE: { default: undefined as string | undefined, parse: text },
      TOKENDEALER_DOCS_ORIGINS: { default: DEFAULT_DOCS_ORIGINS as readonly string[], parse: parseDocsOrigins },
      REDIS_URL: { default: undefined as string | undefined, parse: url("redis", "rediss"), secret: true },
      RATE_LIMIT_TOKEN_PER_MINUTE: { default: DEFAULT_RATE_LIMITS.tokenPerMinute as number, parse: positiveInteger },
      RATE_LIMIT_INTROSPECT_PER_MINUTE: {
        default: DEFAULT_RATE_LIMITS.introspectPerMinute as number,
        parse: positiveInteger,
      },
      ...LOG_LEVEL_VARIABLE,
    },
    env,
  );
}

/** The TokenDealer's validated configuration. */
export type Config = ReturnType<typeof loadConfig>;
