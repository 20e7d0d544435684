import { connectRetryOf, createTokenVerifier } from "@jeeves/service-kit";
import type { FastifyInstance, FastifyServerOptions } from "fastify";
import { buildApp } from "./app.ts";
import type { Config } from "./config.ts";
import { type AdminBootstrap, bootstrapAdmin } from "./domain/bootstrap-admin.ts";
import { loadEncryptionKey } from "./domain/encryption-key.ts";

/** The dataservice built from its configuration, ready to listen, and the admin user this start created. */
export interface PreparedDataservice {
  app: FastifyInstance;
  /** Set when this start created the admin user: the login to show once, on the terminal only. */
  admin?: AdminBootstrap;
}

/**
 * Builds the dataservice as `server.ts` and the one-process suite run it: loads (or creates) the bot
 * token encryption key, trusts the TokenDealer's JWKS, builds the app, and creates the admin user when
 * there is none to log in with (see bootstrapAdmin). It does not listen.
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
  let admin: AdminBootstrap | undefined;
  try {
    admin = await bootstrapAdmin(app.store, {
      email: config.JEEVES_ADMIN_EMAIL,
      password: config.JEEVES_ADMIN_PASSWORD,
    });
  } catch (error) {
    await app.close().catch(() => {});
    throw error;
  }
  // One line, naming the email only: a generated password goes to the terminal (adminNotice), never the log.
  if (admin) app.log.info({ email: admin.email }, "created the admin user");
  return { app, admin };
}

/** The first-start message with the admin login (for stderr, never the log). */
export function adminNotice(admin: AdminBootstrap): string {
  if (admin.generatedPassword === undefined) {
    return `\nJeeves dataservice: created the admin ${admin.email}. Log in with the password in JEEVES_ADMIN_PASSWORD (or its file).\n\n`;
  }
  return (
    `\nJeeves dataservice: first start. Log in as ${admin.email} with password ${admin.generatedPassword}\n` +
    "This password is shown once; keep it, or set JEEVES_ADMIN_PASSWORD before the first start.\n\n"
  );
}
