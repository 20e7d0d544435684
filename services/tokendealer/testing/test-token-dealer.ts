import { rmSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import { writeFileAtomic } from "../src/adapters/atomic-file.ts";
import { buildApp } from "../src/app.ts";
import type { SigningAlg } from "../src/domain/signing-alg.ts";
import { ERR } from "../src/errors.ts";

/** Options of a test TokenDealer. */
export interface TestTokenDealerOptions {
  /** Algorithm of the first key and of `rotate()` without one. Default RS256. */
  alg?: SigningAlg;
  /** Token lifetime in seconds (any positive integer; 1 to test expiry). Default 600. */
  ttlSeconds?: number;
  /**
   * Share one dealer across a test file: the server does not keep the process alive, and its data folder
   * is removed when the process exits, so it needs no `close()`.
   */
  unref?: boolean;
}

/** A real TokenDealer listening on 127.0.0.1 on a free port, on a temporary data folder. */
export interface TestTokenDealer {
  /** Base URL, also the issuer (`iss`) of its tokens: `http://127.0.0.1:<port>`. */
  url: string;
  /** The running app (for `inject`, e.g. the contract fuzzer). */
  app: FastifyInstance;
  /** `<url>/.well-known/jwks.json`. */
  jwksUrl: string;
  /** Registers a client (with person scopes by audience: it may ask for people's tokens) and answers its secret. */
  addClient(
    id: string,
    scopes: string[],
    audiences: string[],
    personScopes?: Record<string, string[]>,
  ): Promise<{ id: string; secret: string }>;
  /** A real token from POST /oauth/token (Basic auth); throws TOKENDEALER_ERR_TOKEN_REFUSED on an OAuth error. */
  token(clientId: string, secret: string, audience: string, scopes?: string[]): Promise<string>;
  /**
   * A real person's token (token exchange, RFC 8693) for the user `userId`, asked by a client with person
   * scopes; throws TOKENDEALER_ERR_TOKEN_REFUSED on an OAuth error.
   */
  personToken(clientId: string, secret: string, userId: string, audience: string, scopes?: string[]): Promise<string>;
  /** Adds a new signing key (old ones stay published) and answers its kid. */
  rotate(alg?: SigningAlg): Promise<string>;
  /** Stops publishing a key: verifiers then refuse the tokens it signed. */
  retire(kid: string): Promise<void>;
  /** The kid of the key that signs new tokens. */
  currentKid(): string;
  /**
   * Retires every key in the key file, as an operator editing it by hand would: no token can be issued
   * and `/ready` answers 503 until the returned `restore()` writes the file back as it was.
   */
  withoutSigningKey(): Promise<() => Promise<void>>;
  /** How many times GET /.well-known/jwks.json was served. */
  jwksRequests(): number;
  /** Closes the app and removes its data folder. */
  close(): Promise<void>;
}

function basic(id: string, secret: string): string {
  // RFC 6749 §2.3.1: each part form-url-encoded before Basic.
  return `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString("base64")}`;
}

/** POSTs a token request (Basic auth) and answers the access token; TOKEN_REFUSED on an OAuth error. */
async function requestToken(
  url: string,
  clientId: string,
  secret: string,
  fields: Record<string, string>,
  scopes?: string[],
): Promise<string> {
  const form = new URLSearchParams(fields);
  if (scopes) form.set("scope", scopes.join(" "));
  const response = await fetch(`${url}/oauth/token`, {
    method: "POST",
    headers: { authorization: basic(clientId, secret), "content-type": "application/x-www-form-urlencoded" },
    body: form,
  });
  const body = (await response.json()) as { access_token?: string; error?: string; error_description?: string };
  if (response.status !== 200 || !body.access_token) {
    throw ERR.TOKEN_REFUSED({ detail: `${response.status} ${body.error}: ${body.error_description ?? ""}` });
  }
  return body.access_token;
}

/**
 * Starts a real TokenDealer for other services' tests: the app built on a fresh temporary data folder,
 * listening on 127.0.0.1 port 0. Its key store is the one the app uses, so `rotate` and `retire` take
 * effect at once. Always `close()` it (in `t.after`).
 */
export async function startTestTokenDealer(options: TestTokenDealerOptions = {}): Promise<TestTokenDealer> {
  const dataDir = await mkdtemp(join(tmpdir(), "tokendealer-test-"));
  let app: FastifyInstance | undefined;
  let url: string;
  let served = 0;
  try {
    app = await buildApp({
      dataDir,
      issuer: "http://127.0.0.1",
      ttlSeconds: options.ttlSeconds ?? 600,
      alg: options.alg ?? "RS256",
      logger: false,
    });
    app.addHook("onResponse", async (request, reply) => {
      if (request.routeOptions.url === "/.well-known/jwks.json" && reply.statusCode === 200) served += 1;
    });
    url = await app.listen({ port: 0, host: "127.0.0.1" });
    if (options.unref) {
      app.server.unref();
      // Keep-alive connections must not hold the process open either (fastify keeps them 72 s).
      app.server.on("connection", (socket) => socket.unref());
      process.once("exit", () => rmSync(dataDir, { recursive: true, force: true }));
    }
    // No request can arrive before the caller learns the URL, so the issuer is set in time.
    app.tokenSettings.issuer = url;
  } catch (error) {
    await app?.close();
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
  const running = app;
  let closed: Promise<void> | undefined;
  return {
    url,
    app: running,
    jwksUrl: `${url}/.well-known/jwks.json`,
    addClient: (id, scopes, audiences, personScopes) => running.clients.addClient(id, scopes, audiences, personScopes),
    token(clientId, secret, audience, scopes) {
      return requestToken(url, clientId, secret, { grant_type: "client_credentials", audience }, scopes);
    },
    personToken(clientId, secret, userId, audience, scopes) {
      const form = {
        grant_type: "urn:ietf:params:oauth:grant-type:token-exchange",
        subject_token: userId,
        subject_token_type: "urn:jeeves:params:oauth:token-type:user-id",
        audience,
      };
      return requestToken(url, clientId, secret, form, scopes);
    },
    rotate: (alg) => running.keys.rotate(alg),
    retire: (kid) => running.keys.retire(kid),
    currentKid() {
      const key = running.keys.signingKey();
      if (!key) throw ERR.NO_SIGNING_KEY();
      return key.kid;
    },
    async withoutSigningKey() {
      const file = running.keys.file;
      const original = await readFile(file, "utf8");
      const data = JSON.parse(original) as { keys: { retired_at?: string }[] };
      const retiredAt = new Date().toISOString();
      for (const key of data.keys) key.retired_at ??= retiredAt;
      await writeFileAtomic(file, `${JSON.stringify(data, null, 2)}\n`);
      await running.keys.refresh();
      return async () => {
        await writeFileAtomic(file, original);
        await running.keys.refresh();
      };
    },
    jwksRequests: () => served,
    close() {
      closed ??= (async () => {
        await running.close();
        await rm(dataDir, { recursive: true, force: true });
      })();
      return closed;
    },
  };
}
