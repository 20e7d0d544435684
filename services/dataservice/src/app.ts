import { spec } from "@jeeves/generated/specs/dataservice";
import { createApp, openapiRoutes, type TokenVerifier } from "@jeeves/service-kit";
import type { FastifyInstance, FastifyServerOptions } from "fastify";
import type { Store } from "./domain/store.ts";
import { handlers } from "./handlers/index.ts";
import { storePlugin } from "./plugins/store.ts";

/** What the app is built from: where the data lives, or an open store (tests). */
export interface AppOptions {
  databaseUrl?: string;
  dataDir: string;
  encryptionKey: Buffer;
  store?: Store;
  /** Verifies the TokenDealer's bearer tokens (audience `dataservice`). */
  verifier: TokenVerifier;
  logger?: FastifyServerOptions["logger"];
}

/** Builds the dataservice app from its spec; it never listens (server.ts does). */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = await createApp({ name: "dataservice", spec, logger: options.logger });
  await app.register(storePlugin, options);
  await app.register(openapiRoutes, { spec, handlers, verifier: options.verifier });
  return app;
}
