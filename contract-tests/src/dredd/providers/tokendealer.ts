import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildApp } from "@jeeves/tokendealer";
import type { PlannedTransaction } from "../plan.ts";
import type { ProviderSession, RequestSpec, Undo } from "./types.ts";

/** A token from the TokenDealer at `url` through its own API (client credentials, HTTP Basic). */
async function issueToken(url: string, client: { id: string; secret: string }, audience: string, scope: string) {
  const response = await fetch(`${url}/oauth/token`, {
    method: "POST",
    headers: {
      authorization: `Basic ${Buffer.from(`${encodeURIComponent(client.id)}:${encodeURIComponent(client.secret)}`).toString("base64")}`,
      "content-type": "application/x-www-form-urlencoded",
    },
    body: new URLSearchParams({ grant_type: "client_credentials", audience, scope }),
  });
  const body = (await response.json()) as { access_token?: string };
  if (response.status !== 200 || !body.access_token)
    throw new Error(`seeding: POST /oauth/token answered ${response.status}`);
  return body.access_token;
}

/**
 * The TokenDealer as a provider: built as `startTestTokenDealer` builds it (`buildApp` on a temporary data
 * folder, RS256, 600 s tokens, the issuer its own URL), listening on 127.0.0.1 on a free port, with a
 * client that may ask for dataservice tokens. Its app is kept so the fuzzer can inject into it. Its OAuth
 * endpoints take forms, which the hooks encode as such; the client authenticates with HTTP Basic.
 */
export async function startProvider(): Promise<ProviderSession> {
  const dataDir = await mkdtemp(join(tmpdir(), "contract-tokendealer-"));
  const app = await buildApp({ dataDir, issuer: "http://127.0.0.1", ttlSeconds: 600, alg: "RS256", logger: false });
  let url: string;
  try {
    url = await app.listen({ port: 0, host: "127.0.0.1" });
  } catch (error) {
    await app.close();
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
  app.tokenSettings.issuer = url;
  const client = await app.clients.addClient("dredd-tokendealer", ["users:read", "users:write"], ["dataservice"]);
  let token = "";

  /** Provider states: what a transaction needs beyond the default request. */
  async function prepare(transaction: PlannedTransaction, request: RequestSpec): Promise<Undo | undefined> {
    switch (`${transaction.operation.operationId} ${transaction.status}`) {
      case "issueToken 200":
        request.body = { grant_type: "client_credentials", audience: "dataservice", scope: "users:read" };
        break;
      case "issueToken 400":
        request.body = { grant_type: "password", audience: "dataservice" };
        break;
      case "introspectToken 200":
      case "introspectToken 401":
        request.body = { token };
        break;
      case "introspectToken 400":
        request.body = { token_type_hint: "access_token" };
        break;
    }
    return undefined;
  }

  return {
    url,
    app,
    credentials: { basic: client },
    params: { existing: {}, missing: {} },
    async seed() {
      token = await issueToken(url, client, "dataservice", "users:read");
    },
    prepare,
    async close() {
      await app.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
