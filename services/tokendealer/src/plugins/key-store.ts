import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";
import { type KeyStore, openKeyStore } from "../adapters/key-store.ts";
import type { SigningAlg } from "../domain/signing-alg.ts";

declare module "fastify" {
  interface FastifyInstance {
    /** The signing keys: the newest signs, every one not retired is published. */
    keys: KeyStore;
  }
}

/** Options of the key store plugin: an open store to share, or where to open one. */
export interface KeyStorePluginOptions {
  keys?: KeyStore;
  keysFile: string;
  alg?: SigningAlg;
}

/** Opens the key store (generating the first key on the first start) and decorates `app.keys`. */
export const keyStorePlugin = fp(
  async (app: FastifyInstance, options: KeyStorePluginOptions) => {
    const keys = options.keys ?? (await openKeyStore({ file: options.keysFile, alg: options.alg, log: app.log })).store;
    app.decorate("keys", keys);
  },
  { name: "tokendealer-keys" },
);
