import { connectRetryOf, createTokenVerifier } from "@jeeves/service-kit";
import type { FastifyInstance, FastifyServerOptions } from "fastify";
import { buildApp } from "./app.ts";
import type { Config } from "./config.ts";
import { type AdminBootstrap, bootstrapAdmin } from "./domain/bootstrap-admin.ts";
import { loadEncryptionKey } from "./domain/encryption-key.ts";

/** The dataservice built from its configuration, ready to listen, and what its first start did. */
export interface PreparedDataservice {
  app: FastifyInstance;
  /** Set on the very first start: the admin login to show once, on the terminal only. */
  admin?: AdminBootstrap;
}

/**
 * Builds the dataservice as `server.ts` and the one-process suite run it: loads (or creates) the bot
 * token encryption key, trusts the TokenDealer's JWKS, builds the app, and creates the admin user on
 * the first start. It does not listen.
 */
export async function prepareDataservice(
  config: Config,
  options: { logger?: FastifyServerOptions["logger"] } = {},
): Promise<PreparedDataservice> {
  const { key, created } = await loadEncryptionKey({
    key: config.DATASERVICE_ENCRYPTION_KEY,
    keyFile: config.DATASERVICE_ENCRYPTION_KEY_FILE,
    dataDir: config.DATA_DIR,
  });
  const verifier = createTokenVerifier({
    jwksUrl: new URL("/.well-known/jwks.json", config.TOKENDEALER_URL).href,
    issuer: config.TOKENDEALER_URL,
    audience: "dataservice",
  });
  const app = await buildApp({
    databaseUrl: config.DATABASE_URL,
    dataDir: config.DATA_DIR,
    encryptionKey: key,
    verifier,
    tokenDealerUrl: config.TOKENDEALER_URL,
    logger: options.logger,
    redisUrl: config.REDIS_URL,
    rateLimits: { verifyPasswordPerMinute: config.RATE_LIMIT_VERIFY_PASSWORD_PER_MINUTE },
    connectRetry: connectRetryOf(config),
  });
  if (created)
    app.log.info({ dataDir: config.DATA_DIR }, "created a new encryption key for bot tokens in the data folder");
  const admin = await bootstrapAdmin(app.store, {
    email: config.JEEVES_ADMIN_EMAIL,
    password: config.JEEVES_ADMIN_PASSWORD,
  });
  return { app, admin };
}

/** The first-start message with the admin login (for stderr, never the log). */
export function adminNotice(admin: AdminBootstrap): string {
  const password = admin.generatedPassword ?? "(the one in JEEVES_ADMIN_PASSWORD)";
  return (
    `\nJeeves dataservice: first start. Log in as ${admin.email} with password ${password}\n` +
    "This password is shown once; keep it, or set JEEVES_ADMIN_PASSWORD before the first start.\n\n"
  );
}
