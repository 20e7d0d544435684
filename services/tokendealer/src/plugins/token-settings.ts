import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";

/** What every token is issued with. */
export interface TokenSettings {
  /** The issuer (`iss`) and the base of the metadata's URLs, without a trailing slash. */
  issuer: string;
  /** Lifetime of a token in seconds. */
  ttlSeconds: number;
}

declare module "fastify" {
  interface FastifyInstance {
    /** Issuer and token lifetime. The test helper sets the issuer once it knows its port. */
    tokenSettings: TokenSettings;
  }
}

/** Decorates `app.tokenSettings` with a copy of the options. */
export const tokenSettingsPlugin = fp(
  async (app: FastifyInstance, options: TokenSettings) => {
    app.decorate("tokenSettings", { issuer: options.issuer, ttlSeconds: options.ttlSeconds });
  },
  { name: "tokendealer-token-settings" },
);
