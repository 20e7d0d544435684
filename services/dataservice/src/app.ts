import { spec } from "@jeeves/generated/specs/dataservice";
import {
  type ConnectRetry,
  createApp,
  openapiRoutes,
  type PasswordHasher,
  type TokenVerifier,
} from "@jeeves/service-kit";
import type { FastifyInstance, FastifyServerOptions } from "fastify";
import { openStore } from "./adapters/database.ts";
import type { Store } from "./domain/store.ts";
import { handlers } from "./handlers/index.ts";
import { passwordsPlugin } from "./plugins/passwords.ts";
import { storePlugin } from "./plugins/store.ts";
import { type DataserviceRateLimits, rateLimitHooks } from "./rate-limits.ts";

/** What the app is built from: where the data lives, or an open store (tests). */
export interface AppOptions {
  databaseUrl?: string;
  dataDir: string;
  encryptionKey: Buffer;
  store?: Store;
  /** Verifies the TokenDealer's bearer tokens (audience `dataservice`). */
  verifier: TokenVerifier;
  /** The TokenDealer's URL (`TOKENDEALER_URL`): the docs' "Authorize" asks it for tokens. Default the spec's. */
  tokenDealerUrl?: string;
  logger?: FastifyServerOptions["logger"];
  /** Requests per minute on the limited operations (see `DEFAULT_RATE_LIMITS`). */
  rateLimits?: DataserviceRateLimits;
  /** A `redis://` URL: the rate limits are shared by every instance. Default in memory. */
  redisUrl?: string;
  /** Prefix of the rate limits' Redis keys (tests). */
  rateLimitKeyPrefix?: string;
  /** Checks passwords, a few at a time. Default the kit's shared hasher. */
  passwords?: PasswordHasher;
  /** How often PostgreSQL is tried at start-up (`STARTUP_CONNECT_*`). Default the kit's. */
  connectRetry?: ConnectRetry;
}

/** Builds the dataservice app from its spec; it never listens (server.ts does). */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = await createApp({
    name: "dataservice",
    spec,
    tokenDealerUrl: options.tokenDealerUrl,
    logger: options.logger,
    rateLimit: {
      redisUrl: options.redisUrl,
      keyPrefix: options.rateLimitKeyPrefix ?? "jeeves:rate-limit:dataservice:",
    },
  });
  // Opened here, not in the store plugin: waiting for a PostgreSQL that is starting must not run into
  // fastify's plugin timeout.
  const store =
    options.store ??
    (await openStore({
      databaseUrl: options.databaseUrl,
      dataDir: options.dataDir,
      encryptionKey: options.encryptionKey,
      logger: app.log,
      connectRetry: options.connectRetry,
    }).catch(async (error: unknown) => {
      await app.close().catch(() => {});
      throw error;
    }));
  try {
    await app.register(storePlugin, { store });
    await app.register(passwordsPlugin, { passwords: options.passwords });
    await app.register(openapiRoutes, {
      spec,
      handlers,
      verifier: options.verifier,
      hooks: { ...rateLimitHooks(options.rateLimits), listAlertSubscriptions: { quietRequestLog: true } },
    });
  } catch (error) {
    if (!options.store) await store.close().catch(() => {});
    throw error;
  }
  return app;
}
