import type { TestContext } from "node:test";
import { startTestTokenDealer, type TestTokenDealer } from "@jeeves/tokendealer/testing";
import type { FastifyInstance } from "fastify";
import { buildTestDashboard } from "../testing/index.ts";

/** The scope getGreeting needs. */
export const SCOPE = "dashboard:read";

/** The scopes of the test client: the service's, and another service's to build tokens without it. */
const CLIENT_SCOPES = [SCOPE, "users:read"];

/** One TokenDealer per test file (process), with one client for the audiences dashboard and dataservice. */
let shared: Promise<{ dealer: TestTokenDealer; client: { id: string; secret: string }; token: string }> | undefined;

/** The shared TokenDealer, its client and a token for `dashboard` with `dashboard:read`; started on first use. */
export function sharedDealer() {
  shared ??= (async () => {
    const dealer = await startTestTokenDealer({ unref: true });
    const client = await dealer.addClient("dashboard-tests", CLIENT_SCOPES, ["dashboard", "dataservice"]);
    return { dealer, client, token: await dealer.token(client.id, client.secret, "dashboard", [SCOPE]) };
  })();
  return shared;
}

/** A built dashboard service with what tests need around it. */
export interface Built {
  app: FastifyInstance;
  /** A real token for the audience `dashboard` with `dashboard:read`. */
  token: string;
  /** A token with only these scopes (or for another audience). */
  tokenWith(scopes: string[], audience?: string): Promise<string>;
}

/** Builds the dashboard service for one test on the shared TokenDealer; closed after the test. */
export async function build(t: TestContext | { after(fn: () => Promise<void>): void }): Promise<Built> {
  const { dealer, client, token } = await sharedDealer();
  const service = await buildTestDashboard({ dealer });
  t.after(() => service.close());
  return {
    app: service.app,
    token,
    tokenWith: (scopes, audience = "dashboard") => dealer.token(client.id, client.secret, audience, scopes),
  };
}
