import { createTokenVerifier } from "@jeeves/service-kit";
import type { FastifyInstance, FastifyServerOptions } from "fastify";
import { buildApp } from "../src/app.ts";

/** The TokenDealer a test dashboard service trusts: its URL (the issuer) and its JWKS. */
export interface TrustedDealer {
  url: string;
  jwksUrl: string;
}

/** Options of {@link buildTestDashboard}. */
export interface TestDashboardOptions {
  /** The TokenDealer whose tokens (audience `dashboard`) the service accepts. */
  dealer: TrustedDealer;
  /** Default false (no logs). */
  logger?: FastifyServerOptions["logger"];
}

/** A dashboard service for tests. */
export interface TestDashboard {
  /** The app, ready, not listening: `inject`, or `listen({ port: 0 })`. */
  app: FastifyInstance;
  /** Closes the app. */
  close(): Promise<void>;
}

/**
 * Builds a dashboard service for tests, here and in other workspaces (the contract tests' Dredd provider):
 * it verifies the tokens of `dealer` (audience `dashboard`).
 */
export async function buildTestDashboard(options: TestDashboardOptions): Promise<TestDashboard> {
  const app = await buildApp({
    verifier: createTokenVerifier({
      jwksUrl: options.dealer.jwksUrl,
      issuer: options.dealer.url,
      audience: "dashboard",
    }),
    logger: options.logger ?? false,
  });
  await app.ready();
  return { app, close: () => app.close() };
}
