import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createTokenVerifier } from "@jeeves/service-kit";
import type { FastifyInstance, FastifyServerOptions } from "fastify";
import { type AppOptions, buildApp } from "../src/app.ts";

/** The TokenDealer a test dataservice trusts: its URL (the issuer) and its JWKS. */
export interface TrustedDealer {
  url: string;
  jwksUrl: string;
}

/**
 * Builds a dataservice for tests, here and in other workspaces: a fresh in-memory SQLite database and
 * a temporary data folder, verifying the tokens of `dealer` (audience `dataservice`). `close()` closes
 * the app and removes the folder; the app is not listening, call `listen` or `inject` as needed.
 */
export async function buildTestDataservice(
  dealer: TrustedDealer,
  options: { logger?: FastifyServerOptions["logger"] } & Pick<
    AppOptions,
    "rateLimits" | "redisUrl" | "rateLimitKeyPrefix" | "passwords"
  > = {},
): Promise<{ app: FastifyInstance; close(): Promise<void> }> {
  const dataDir = await mkdtemp(join(tmpdir(), "dataservice-test-"));
  const app = await buildApp({
    databaseUrl: "sqlite::memory:",
    dataDir,
    encryptionKey: randomBytes(32),
    ...options,
    logger: options.logger ?? false,
    verifier: createTokenVerifier({ jwksUrl: dealer.jwksUrl, issuer: dealer.url, audience: "dataservice" }),
  });
  return {
    app,
    async close() {
      await app.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
