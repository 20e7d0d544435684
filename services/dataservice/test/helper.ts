import type { TestContext } from "node:test";
import { startTestTokenDealer, type TestTokenDealer } from "@jeeves/tokendealer/testing";
import type { FastifyInstance } from "fastify";
import { buildTestDataservice } from "../testing/index.ts";

/** Options of `build`: the logger, and what `buildTestDataservice` passes on (rate limits, Redis, hasher). */
export type BuildOptions = NonNullable<Parameters<typeof buildTestDataservice>[1]>;

/** Every scope of the dataservice, for the test client. */
export const ALL_SCOPES = ["users:read", "users:write", "workspaces:read", "workspaces:write", "workspaces:secrets"];

/** What a test needs beside the app: the running TokenDealer and a client with every scope. */
export interface TestAuth {
  dealer: TestTokenDealer;
  client: { id: string; secret: string };
  /** A real token for the dataservice with every scope. */
  token: string;
  /** A token with only these scopes (or for another audience). */
  tokenWith(scopes: string[], audience?: string): Promise<string>;
}

const auths = new WeakMap<FastifyInstance, TestAuth>();

/** The TokenDealer and tokens behind an app built by `build`. */
export function authOf(app: FastifyInstance): TestAuth {
  const auth = auths.get(app);
  if (!auth) throw new Error("this app was not built by test/helper.ts");
  return auth;
}

/** `{ authorization: "Bearer …" }` with the test client's token, for raw `inject` calls. */
export function authHeader(app: FastifyInstance): { authorization: string } {
  return { authorization: `Bearer ${authOf(app).token}` };
}

/** One TokenDealer per test file (process), with one client holding every scope; started on first use. */
let shared: Promise<{ dealer: TestTokenDealer; client: { id: string; secret: string }; token: string }> | undefined;

function sharedDealer() {
  shared ??= (async () => {
    const dealer = await startTestTokenDealer({ unref: true });
    const client = await dealer.addClient(
      "dataservice-tests",
      [...ALL_SCOPES, "weather:read"],
      ["dataservice", "weather"],
    );
    return { dealer, client, token: await dealer.token(client.id, client.secret, "dataservice", ALL_SCOPES) };
  })();
  return shared;
}

/**
 * Builds a dataservice app on a fresh in-memory SQLite database. It verifies tokens of a real
 * TokenDealer listening on a free port (shared by the tests of one file) through its JWKS. The app is
 * closed after the test.
 */
export async function build(
  t: TestContext | { after(fn: () => Promise<void>): void },
  options: BuildOptions = {},
): Promise<FastifyInstance> {
  const { dealer, client, token } = await sharedDealer();
  const { app, close } = await buildTestDataservice(dealer, options);
  t.after(close);
  await app.ready();
  const tokenWith = (scopes: string[], audience = "dataservice") =>
    dealer.token(client.id, client.secret, audience, scopes);
  auths.set(app, { dealer, client, token, tokenWith });
  return app;
}
