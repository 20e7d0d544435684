import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";
import type { Store } from "../domain/store.ts";

declare module "fastify" {
  interface FastifyInstance {
    /** Users, settings and workspaces (SQLite or PostgreSQL). */
    store: Store;
  }
}

/**
 * Options of the store plugin: the open store. `buildApp` opens it before registering plugins, so that
 * waiting for a PostgreSQL that is starting never runs into fastify's plugin timeout.
 */
export interface StorePluginOptions {
  store: Store;
}

/** Decorates `app.store` and closes the store with the app. */
export const storePlugin = fp(
  async (app: FastifyInstance, options: StorePluginOptions) => {
    const { store } = options;
    app.decorate("store", store);
    app.addHook("onClose", async () => {
      await store.close();
    });
  },
  { name: "jeeves-store" },
);
