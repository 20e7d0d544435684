import type { TestContext } from "node:test";
import { DEFAULT_CLIENTS } from "@jeeves/tokendealer";
import { startTestTokenDealer, type TestTokenDealer } from "@jeeves/tokendealer/testing";
import type { FastifyInstance } from "fastify";
import { buildTestDataservice } from "../testing/index.ts";

/** Options of `build`: the logger, and what `buildTestDataservice` passes on (rate limits, Redis, hasher). */
export type BuildOptions = NonNullable<Parameters<typeof buildTestDataservice>[1]>;

/** Every scope of the dataservice, for the test client. */
export const ALL_SCOPES = ["users:read", "users:write", "workspaces:read", "workspaces:write", "workspaces:secrets"];

/** The scopes the default `dashboard` client gets for a person at the dataservice. */
export const DASHBOARD_PERSON_SCOPES: readonly string[] =
  DEFAULT_CLIENTS.find((client) => client.id === "dashboard")?.personScopes?.dataservice ?? [];

/** What a test needs beside the app: the running TokenDealer and a client with every scope. */
export interface TestAuth {
  dealer: TestTokenDealer;
  client: { id: string; secret: string };
  /** A real token for the dataservice with every scope. */
  token: string;
  /** A token with only these scopes (or for another audience). */
  tokenWith(scopes: string[], audience?: string): Promise<string>;
  /**
   * A real person's token (token exchange) for the user `userId`, from a client that may act for people
   * with every scope of the dataservice; default the scopes the dashboard gets for a person.
   */
  personToken(userId: string, scopes?: readonly string[]): Promise<string>;
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

interface SharedDealer {
  dealer: TestTokenDealer;
  client: { id: string; secret: string };
  /** A client that may ask for people's tokens with every scope of the dataservice. */
  people: { id: string; secret: string };
  token: string;
}

/** One TokenDealer per test file (process), with one client holding every scope; started on first use. */
let shared: Promise<SharedDealer> | undefined;

function sharedDealer() {
  shared ??= (async () => {
    const dealer = await startTestTokenDealer({ unref: true });
    const client = await dealer.addClient(
      "dataservice-tests",
      [...ALL_SCOPES, "weather:read"],
      ["dataservice", "weather"],
    );
    const people = await dealer.addClient("dataservice-people", ["users:read"], ["dataservice"], {
      dataservice: ALL_SCOPES,
    });
    return {
      dealer,
      client,
      people,
      token: await dealer.token(client.id, client.secret, "dataservice", ALL_SCOPES),
    };
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
  const { dealer, client, people, token } = await sharedDealer();
  const { app, close } = await buildTestDataservice(dealer, options);
  t.after(close);
  await app.ready();
  const tokenWith = (scopes: string[], audience = "dataservice") =>
    dealer.token(client.id, client.secret, audience, scopes);
  const personToken = (userId: string, scopes: readonly string[] = DASHBOARD_PERSON_SCOPES) =>
    dealer.personToken(people.id, people.secret, userId, "dataservice", [...scopes]);
  auths.set(app, { dealer, client, token, tokenWith, personToken });
  return app;
}
