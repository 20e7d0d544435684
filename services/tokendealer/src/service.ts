import type { FastifyInstance, FastifyServerOptions } from "fastify";
import { buildApp } from "./app.ts";
import type { Config } from "./config.ts";

/**
 * Builds the TokenDealer from its configuration, as `server.ts` and the one-process suite run it; on
 * the first start this creates the signing key, the client registry and the default clients' secrets.
 * It does not listen.
 */
export function prepareTokendealer(
  config: Config,
  options: { logger?: FastifyServerOptions["logger"] } = {},
): Promise<FastifyInstance> {
  return buildApp({
    dataDir: config.DATA_DIR,
    keysFile: config.TOKENDEALER_KEYS_FILE,
    clientsFile: config.TOKENDEALER_CLIENTS_FILE,
    issuer: config.TOKENDEALER_URL,
    ttlSeconds: config.TOKEN_TTL_SECONDS,
    alg: config.TOKENDEALER_ALG,
    logger: options.logger,
    redisUrl: config.REDIS_URL,
    docsOrigins: config.TOKENDEALER_DOCS_ORIGINS,
    rateLimits: {
      tokenPerMinute: config.RATE_LIMIT_TOKEN_PER_MINUTE,
      introspectPerMinute: config.RATE_LIMIT_INTROSPECT_PER_MINUTE,
    },
  });
}
