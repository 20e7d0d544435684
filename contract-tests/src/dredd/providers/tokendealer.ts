import { startTestTokenDealer } from "@jeeves/tokendealer/testing";
import type { PlannedTransaction } from "../plan.ts";
import type { ProviderSession, RequestSpec, Undo } from "./types.ts";

/**
 * The TokenDealer as a provider: `startTestTokenDealer` itself (a real TokenDealer on 127.0.0.1, on a free
 * port and a temporary data folder), with a client that may ask for dataservice tokens. Its OAuth endpoints
 * take forms, which the hooks encode as such; the client authenticates with HTTP Basic. `GET /ready`'s 503
 * runs while every key is retired (`withoutSigningKey`), restored right after. Its app is kept so the
 * fuzzer can inject into it.
 */
export async function startProvider(): Promise<ProviderSession> {
  const dealer = await startTestTokenDealer();
  const client = await dealer.addClient("dredd-tokendealer", ["users:read", "users:write"], ["dataservice"]);
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
      case "getReady 503":
        return dealer.withoutSigningKey();
    }
    return undefined;
  }

  return {
    url: dealer.url,
    app: dealer.app,
    credentials: { basic: client },
    params: { existing: {}, missing: {} },
    async seed() {
      token = await dealer.token(client.id, client.secret, "dataservice", ["users:read"]);
    },
    prepare,
    close: () => dealer.close(),
  };
}
