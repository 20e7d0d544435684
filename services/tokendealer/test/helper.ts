import { rmSync } from "node:fs";
import { cp, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestContext } from "node:test";
import type { PasswordHasher } from "@jeeves/service-kit";
import { FORM_TYPE } from "@jeeves/service-kit";
import type { FastifyInstance, FastifyServerOptions, LightMyRequestResponse } from "fastify";
import { createLocalJWKSet } from "jose";
import { openClientRegistry } from "../src/adapters/client-registry.ts";
import { dataFiles } from "../src/adapters/data-files.ts";
import { openKeyStore } from "../src/adapters/key-store.ts";
import { buildApp } from "../src/app.ts";
import type { SigningAlg } from "../src/domain/signing-alg.ts";
import type { TokendealerRateLimits } from "../src/rate-limits.ts";

type After = TestContext | { after(fn: () => Promise<void>): void };

/** The issuer of apps built by `build`. */
export const ISSUER = "http://tokendealer.test";

/** A fresh temporary folder, removed after the test. */
export async function tempDir(t: After, prefix = "tokendealer-test-"): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  t.after(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

const templates = new Map<SigningAlg, Promise<string>>();

/**
 * A data folder as the first start leaves it (one key of `alg`, the default clients), made once per
 * process and alg: generating an RSA key takes a third of a second, too long to repeat in every test.
 */
function template(alg: SigningAlg): Promise<string> {
  let made = templates.get(alg);
  if (!made) {
    made = (async () => {
      const dir = await mkdtemp(join(tmpdir(), `tokendealer-template-${alg}-`));
      process.once("exit", () => rmSync(dir, { recursive: true, force: true }));
      const files = dataFiles({ dataDir: dir });
      await openKeyStore({ file: files.keysFile, alg });
      await openClientRegistry({ file: files.clientsFile, secretsDir: files.secretsDir });
      return dir;
    })();
    templates.set(alg, made);
  }
  return made;
}

/** Options of `build`. */
export interface BuildOptions {
  /** A data folder to use as it is (empty: a real first start); default a fresh copy of a template. */
  dataDir?: string;
  alg?: SigningAlg;
  ttlSeconds?: number;
  logger?: FastifyServerOptions["logger"];
  rateLimits?: TokendealerRateLimits;
  redisUrl?: string;
  rateLimitKeyPrefix?: string;
  passwords?: PasswordHasher;
  docsOrigins?: readonly string[];
}

/**
 * Builds a TokenDealer app on a fresh copy of a first-start data folder (or on the given folder), used
 * through inject; closed after the test.
 */
export async function build(t: After, options: BuildOptions = {}): Promise<FastifyInstance> {
  let dataDir = options.dataDir;
  if (dataDir === undefined) {
    dataDir = await tempDir(t);
    await cp(await template(options.alg ?? "RS256"), dataDir, { recursive: true });
  }
  const app = await buildApp({
    dataDir,
    issuer: ISSUER,
    ttlSeconds: options.ttlSeconds ?? 600,
    alg: options.alg,
    logger: options.logger ?? false,
    rateLimits: options.rateLimits,
    redisUrl: options.redisUrl,
    rateLimitKeyPrefix: options.rateLimitKeyPrefix,
    passwords: options.passwords,
    docsOrigins: options.docsOrigins,
  });
  await app.ready();
  t.after(() => app.close());
  return app;
}

/** An HTTP Basic header for client credentials, each part form-url-encoded (RFC 6749 §2.3.1). */
export function basic(id: string, secret: string): string {
  return `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString("base64")}`;
}

/** POSTs a form to the app. */
export function postForm(
  app: FastifyInstance,
  url: string,
  fields: Record<string, string>,
  headers: Record<string, string> = {},
): Promise<LightMyRequestResponse> {
  return app.inject({
    method: "POST",
    url,
    payload: new URLSearchParams(fields).toString(),
    headers: { "content-type": FORM_TYPE, ...headers },
  });
}

/** Adds a client to the app's registry and answers its credentials. */
export function addClient(
  app: FastifyInstance,
  id = "svc",
  scopes = ["users:read", "users:write"],
  audiences = ["dataservice"],
): Promise<{ id: string; secret: string }> {
  return app.clients.addClient(id, scopes, audiences);
}

/** Gets a token through POST /oauth/token with Basic auth; fails the test on anything but 200. */
export async function issue(
  app: FastifyInstance,
  client: { id: string; secret: string },
  fields: Record<string, string> = {},
): Promise<string> {
  const res = await postForm(
    app,
    "/oauth/token",
    { grant_type: "client_credentials", ...fields },
    {
      authorization: basic(client.id, client.secret),
    },
  );
  if (res.statusCode !== 200) throw new Error(`token request failed: ${res.statusCode} ${res.body}`);
  return res.json().access_token;
}

/** The app's published key set, as jose verifies with it. */
export async function appJwks(app: FastifyInstance) {
  const res = await app.inject({ method: "GET", url: "/.well-known/jwks.json" });
  return createLocalJWKSet(res.json());
}
