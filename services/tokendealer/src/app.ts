import { spec } from "@jeeves/generated/specs/tokendealer";
import { createApp, openapiRoutes, type PasswordHasher } from "@jeeves/service-kit";
import type { FastifyInstance, FastifyServerOptions } from "fastify";
import type { ClientRegistry } from "./adapters/client-registry.ts";
import { dataFiles } from "./adapters/data-files.ts";
import type { KeyStore } from "./adapters/key-store.ts";
import { DEFAULT_DOCS_ORIGINS } from "./domain/docs-origins.ts";
import type { SigningAlg } from "./domain/signing-alg.ts";
import { handlers } from "./handlers/index.ts";
import { clientRegistryPlugin } from "./plugins/client-registry.ts";
import { docsCorsPlugin } from "./plugins/docs-cors.ts";
import { keyStorePlugin } from "./plugins/key-store.ts";
import { tokenSettingsPlugin } from "./plugins/token-settings.ts";
import { rateLimitHooks, type TokendealerRateLimits } from "./rate-limits.ts";

/** What the app is built from: the data folder (or its files), the issuer, the token lifetime. */
export interface AppOptions {
  /** Holds keys.json, clients.yaml and secrets/ unless the files are named. */
  dataDir: string;
  keysFile?: string;
  clientsFile?: string;
  /** The issuer (`iss`), without a trailing slash. */
  issuer: string;
  ttlSeconds: number;
  /** Algorithm of the first key and of rotations without one. Default RS256. */
  alg?: SigningAlg;
  /** An open key store to share (the test helper). */
  keys?: KeyStore;
  /** An open client registry to share. */
  clients?: ClientRegistry;
  logger?: FastifyServerOptions["logger"];
  /** Requests per minute on the OAuth endpoints, per client id and address (see `DEFAULT_RATE_LIMITS`). */
  rateLimits?: TokendealerRateLimits;
  /** A `redis://` URL: the rate limits are shared by every instance. Default in memory. */
  redisUrl?: string;
  /** Prefix of the rate limits' Redis keys (tests). */
  rateLimitKeyPrefix?: string;
  /** Hashes and checks client secrets, a few at a time. Default the kit's shared hasher. */
  passwords?: PasswordHasher;
  /**
   * Origins of the docs pages that may ask for tokens from a browser (CORS on `/oauth/token` and the
   * JWKS); never `*`. Default the suite's other services' pages on their default ports (`DEFAULT_DOCS_ORIGINS`).
   */
  docsOrigins?: readonly string[];
}

/** Builds the TokenDealer app from its spec; it never listens (server.ts does). */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const files = dataFiles(options);
  const app = await createApp({
    name: "tokendealer",
    spec,
    logger: options.logger,
    rateLimit: {
      redisUrl: options.redisUrl,
      keyPrefix: options.rateLimitKeyPrefix ?? "jeeves:rate-limit:tokendealer:",
    },
  });
  await app.register(tokenSettingsPlugin, { issuer: options.issuer, ttlSeconds: options.ttlSeconds });
  await app.register(keyStorePlugin, { keys: options.keys, keysFile: files.keysFile, alg: options.alg });
  await app.register(clientRegistryPlugin, {
    clients: options.clients,
    clientsFile: files.clientsFile,
    secretsDir: files.secretsDir,
    passwords: options.passwords,
  });
  await app.register(docsCorsPlugin, { origins: options.docsOrigins ?? DEFAULT_DOCS_ORIGINS });
  const limits = rateLimitHooks(options.rateLimits);
  // Services renew their tokens and read the key set every few minutes, also while idle: those answers
  // are debug lines (a refusal is still an info line), so an idle suite logs nothing at info.
  const hooks = {
    ...limits,
    issueToken: { ...limits.issueToken, quietRequestLog: true },
    getJwks: { quietRequestLog: true },
  };
  await app.register(openapiRoutes, { spec, handlers, hooks });
  return app;
}
