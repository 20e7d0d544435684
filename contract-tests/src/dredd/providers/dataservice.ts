import { createClient } from "@jeeves/client-kit";
import { buildTestDataservice, simulateDatabaseDown } from "@jeeves/dataservice/testing";
import type { paths } from "@jeeves/generated/openapi/dataservice";
import { spec } from "@jeeves/generated/specs/dataservice";
import { startTestTokenDealer } from "@jeeves/tokendealer/testing";
import type { PlannedTransaction } from "../plan.ts";
import { foreignToken } from "./foreign-token.ts";
import type { ProviderSession, RequestSpec, Undo } from "./types.ts";

/** Every scope the dataservice's spec defines (its OAuth 2.0 client credentials flow). */
export function specScopes(document: Record<string, unknown>): string[] {
  const schemes = (document.components as { securitySchemes?: Record<string, unknown> }).securitySchemes ?? {};
  const scopes = new Set<string>();
  for (const scheme of Object.values(schemes) as Array<{ flows?: Record<string, { scopes?: object }> }>) {
    for (const flow of Object.values(scheme.flows ?? {}))
      for (const scope of Object.keys(flow.scopes ?? {})) scopes.add(scope);
  }
  return [...scopes];
}

/** The seeded user most transactions act on: the spec's own examples (UserCreate, SlackIdentity). */
const BERTIE = {
  email: "bertie@example.com",
  display_name: "Bertie Wooster",
  password: "what-ho-jeeves",
  slack_team_id: "T0123ABCD",
  slack_user_id: "U0456EFGH",
};
/** Owns the email a 409 transaction tries to take. */
const JEEVES = { email: "jeeves@example.com", display_name: "Jeeves", password: "the-fish-knife" };
/** The seeded workspace (the spec's TeamId example). */
const TEAM = "T0123ABCD";
/** Users enough that a page of them is above the 1 KiB gzip threshold in every encoding. */
const FILLER_USERS = 25;
/** The local date of Bertie's alert the seed claims: the 409 transactions claim it again. */
const CLAIMED_DATE = "2026-11-28";
/** The 201 transactions claim Bertie's alert for days from this one on, a fresh one each. */
const FIRST_FRESH_DATE = Date.UTC(2030, 0, 1);
const DAY_MS = 86_400_000;

function must<T>(result: { data?: T; error?: unknown; response: Response }, what: string): T {
  if (result.data === undefined) {
    throw new Error(`seeding: ${what} answered ${result.response.status} ${JSON.stringify(result.error)}`);
  }
  return result.data;
}

/**
 * Starts the dataservice on its embedded defaults (SQLite in memory, a temporary data folder) listening
 * on 127.0.0.1 on a free port, verifying tokens of a real test TokenDealer, with a client holding every
 * scope. Its seed creates, through the API: Bertie (settings with a daily alert, location, Slack identity,
 * a claimed alert send), Jeeves, a user whose location the 204 transactions delete, filler users, and a
 * workspace.
 */
export async function startProvider(): Promise<ProviderSession> {
  const dealer = await startTestTokenDealer();
  const scopes = specScopes(spec as unknown as Record<string, unknown>);
  const client = await dealer.addClient("dredd-dataservice", scopes, ["dataservice"]);
  const { app, close } = await buildTestDataservice(dealer);
  const url = await app.listen({ port: 0, host: "127.0.0.1" });
  const bearer = (wanted: string[]) => dealer.token(client.id, client.secret, "dataservice", wanted);
  const api = createClient<paths>({
    spec: spec as unknown as Record<string, unknown>,
    baseUrl: url,
    auth: { token: () => bearer(scopes), invalidate() {} },
  });
  const existing: Record<string, string> = { key: "units", teamId: TEAM };
  const users: Record<string, string> = {};
  let counter = 0;
  const unique = () => (++counter).toString(36).toUpperCase();

  const createUser = async (body: paths["/users"]["post"]["requestBody"]["content"]["application/json"]) =>
    must(await api.POST("/users", { body }), `POST /users ${body.display_name}`).id;
  const setLocation = async (userId: string) =>
    must(
      await api.PUT("/users/{userId}/location", {
        params: { path: { userId } },
        body: { place: "London", lat: 51.5072, lon: -0.1276 },
      }),
      "PUT location",
    );
  const install = async (teamId: string) =>
    must(
      await api.PUT("/workspaces/{teamId}", {
        params: { path: { teamId } },
        body: { team_name: "Drones Club", bot_user_id: "U0BOT0001", bot_token: "xoxb-dredd", scopes: ["chat:write"] },
      }),
      `PUT /workspaces/${teamId}`,
    );

  async function seed(): Promise<void> {
    users.bertie = await createUser(BERTIE);
    users.jeeves = await createUser(JEEVES);
    users.located = await createUser({ display_name: "Located Person" });
    for (let i = 0; i < FILLER_USERS; i += 1) {
      await createUser({ display_name: `Drones Club member ${i}`, email: `member-${i}@drones.example.com` });
    }
    must(
      await api.PUT("/users/{userId}/settings/{key}", {
        params: { path: { userId: users.bertie, key: "units" } },
        body: { value: "metric" },
      }),
      "PUT setting",
    );
    // Bertie subscribes to the daily alert, so a page of subscriptions has an item; one day is claimed.
    must(
      await api.PUT("/users/{userId}/settings/{key}", {
        params: { path: { userId: users.bertie, key: "alerts" } },
        body: { value: "08:00" },
      }),
      "PUT alerts setting",
    );
    await setLocation(users.bertie);
    await install(TEAM);
    must(await api.POST("/alert-sends", { body: { user_id: users.bertie, local_date: CLAIMED_DATE } }), "POST claim");
    existing.userId = users.bertie;
  }

  /** Provider states: what a transaction needs beyond the default request. */
  async function prepare(transaction: PlannedTransaction, request: RequestSpec): Promise<Undo | undefined> {
    const { operationId } = transaction.operation;
    const n = unique();
    switch (`${operationId} ${transaction.status}`) {
      case "createUser 201":
        request.body = { email: `dredd-${n}@example.com`, display_name: `Dredd ${n}`, password: "what-ho-jeeves" };
        break;
      case "createUser 409":
        request.body = { email: BERTIE.email, display_name: "Bertie's double" };
        break;
      case "findOrCreateSlackUser 200":
        request.body = { slack_team_id: BERTIE.slack_team_id, slack_user_id: BERTIE.slack_user_id };
        break;
      case "findOrCreateSlackUser 201":
        request.body = { slack_team_id: TEAM, slack_user_id: `UDREDD${n}`, display_name: `Slack ${n}` };
        break;
      case "verifyPassword 200":
        request.body = { email: BERTIE.email, password: BERTIE.password };
        break;
      case "updateUser 200":
        request.body = { display_name: `Bertie Wooster ${n}` };
        break;
      case "updateUser 409":
        request.body = { email: JEEVES.email };
        break;
      case "deleteUser 204":
        request.params.userId = await createUser({ display_name: `Doomed ${n}` });
        break;
      case "deleteSetting 204":
        request.params.key = `dredd-${n.toLowerCase()}`;
        must(
          await api.PUT("/users/{userId}/settings/{key}", {
            params: { path: { userId: users.bertie, key: request.params.key } },
            body: { value: "doomed" },
          }),
          "PUT setting",
        );
        break;
      case "deleteLocation 204":
        request.params.userId = users.located;
        await setLocation(users.located);
        break;
      case "installWorkspace 201":
        request.params.teamId = `TDREDD${n}`;
        break;
      case "deleteWorkspace 204":
        request.params.teamId = `TDOOMED${n}`;
        await install(request.params.teamId);
        break;
      case "claimAlertSend 201": {
        const day = new Date(FIRST_FRESH_DATE + counter * DAY_MS).toISOString().slice(0, 10);
        request.body = { user_id: users.bertie, local_date: day };
        break;
      }
      case "claimAlertSend 409":
        request.body = { user_id: users.bertie, local_date: CLAIMED_DATE };
        break;
    }
    // Every 503 (getReady and each operation that uses the database): the database cannot be reached
    // for this one request.
    if (transaction.status === "503") return simulateDatabaseDown(app);
    return undefined;
  }

  return {
    url,
    app,
    credentials: { bearer, scopes, foreignBearer: () => foreignToken(dealer, scopes) },
    params: {
      existing,
      missing: { userId: "0190b8a2-0000-7000-8000-000000000000", key: "no-such-setting", teamId: "T0NOSUCHTEAM" },
    },
    seed,
    prepare,
    async close() {
      await close();
      await dealer.close();
    },
  };
}
