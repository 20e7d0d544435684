import { createTokenVerifier } from "@jeeves/service-kit";
import type { FastifyInstance, FastifyServerOptions } from "fastify";
import { buildApp } from "../src/app.ts";

/** The TokenDealer a test __name__ service trusts: its URL (the issuer) and its JWKS. */
export interface TrustedDealer {
  url: string;
  jwksUrl: string;
}

/** Options of {@link buildTest__Name__}. */
export interface Test__Name__Options {
  /** The TokenDealer whose tokens (audience `__name__`) the service accepts. */
  dealer: TrustedDealer;
  /** Default false (no logs). */
  logger?: FastifyServerOptions["logger"];
}

/** A __name__ service for tests. */
export interface Test__Name__ {
  /** The app, ready, not listening: `inject`, or `listen({ port: 0 })`. */
  app: FastifyInstance;
  /** Closes the app. */
  close(): Promise<void>;
}

/**
 * Builds a __name__ service for tests, here and in other workspaces (the contract tests' Dredd provider):
 * it verifies the tokens of `dealer` (audience `__name__`).
 */
export async function buildTest__Name__(options: Test__Name__Options): Promise<Test__Name__> {
  const app = await buildApp({
    verifier: createTokenVerifier({
      jwksUrl: options.dealer.jwksUrl,
      issuer: options.dealer.url,
      audience: "__name__",
    }),
    logger: options.logger ?? false,
  });
  await app.ready();
  return { app, close: () => app.close() };
}
