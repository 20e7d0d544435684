import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestContext } from "node:test";
import type { FastifyInstance, FastifyServerOptions } from "fastify";
import { buildApp } from "../src/app.ts";

/** Builds a dataservice app on a fresh in-memory SQLite database and closes it after the test. */
export async function build(
  t: TestContext | { after(fn: () => Promise<void>): void },
  options: { logger?: FastifyServerOptions["logger"] } = {},
): Promise<FastifyInstance> {
  const dataDir = await mkdtemp(join(tmpdir(), "dataservice-test-"));
  const app = await buildApp({
    databaseUrl: "sqlite::memory:",
    dataDir,
    encryptionKey: randomBytes(32),
    logger: options.logger ?? false,
  });
  await app.ready();
  t.after(async () => {
    await app.close();
    await rm(dataDir, { recursive: true, force: true });
  });
  return app;
}
