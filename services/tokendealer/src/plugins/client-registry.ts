import type { PasswordHasher } from "@jeeves/service-kit";
import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";
import { type ClientRegistry, openClientRegistry } from "../adapters/client-registry.ts";

declare module "fastify" {
  interface FastifyInstance {
    /** The clients that may ask for tokens. */
    clients: ClientRegistry;
  }
}

/** Options of the client registry plugin: an open registry to share, or where to open one. */
export interface ClientRegistryPluginOptions {
  clients?: ClientRegistry;
  clientsFile: string;
  secretsDir: string;
  passwords?: PasswordHasher;
}

/** Opens the client registry (creating the default clients on the first start) and decorates `app.clients`. */
export const clientRegistryPlugin = fp(
  async (app: FastifyInstance, options: ClientRegistryPluginOptions) => {
    const clients =
      options.clients ??
      (
        await openClientRegistry({
          file: options.clientsFile,
          secretsDir: options.secretsDir,
          log: app.log,
          passwords: options.passwords,
        })
      ).registry;
    app.decorate("clients", clients);
  },
  { name: "tokendealer-clients" },
);
