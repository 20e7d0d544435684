import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";
import { openStore } from "../adapters/database.ts";
import type { Store } from "../domain/store.ts";

declare module "fastify" {
  interface FastifyInstance {
    /** Users, settings and workspaces (SQLite or PostgreSQL). */
    store: Store;
  }
}

/** Options of the store plugin: an open store to use, or how to open one. */
export interface StorePluginOptions {
  store?: Store;
  databaseUrl?: string;
  dataDir: string;
  encryptionKey: Buffer;
}

/** Opens the store (running migrations), decorates `app.store`, and closes it with the app. */
export const storePlugin = fp(
  async (app: FastifyInstance, options: StorePluginOptions) => {
    const store =
      options.store ??
      (await openStore({
        databaseUrl: options.databaseUrl,
        dataDir: options.dataDir,
        encryptionKey: options.encryptionKey,
        logger: app.log,
      }));
    app.decorate("store", store);
    app.addHook("onClose", async () => {
      await store.close();
    });
  },
  { name: "jeeves-store" },
);
