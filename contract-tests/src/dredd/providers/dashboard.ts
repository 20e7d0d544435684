import { buildTestDashboard } from "@jeeves/dashboard/testing";
import { startTestTokenDealer } from "@jeeves/tokendealer/testing";
import { foreignToken } from "./foreign-token.ts";
import type { ProviderSession } from "./types.ts";

/** A scope the dashboard service grants nothing for: the 403 transactions get a token with only it. */
const OTHER_SCOPE = "dredd:other";

/**
 * The dashboard service as a provider: `buildTestDashboard` trusting a real test TokenDealer (audience
 * `dashboard`), listening on 127.0.0.1 on a free port. Nothing to seed and no provider state: the default
 * requests cover every documented status (400 breaks `name`'s maxLength).
 */
export async function startProvider(): Promise<ProviderSession> {
  const cleanups: Array<() => Promise<void>> = [];
  const closeAll = async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  };
  try {
    const dealer = await startTestTokenDealer();
    cleanups.push(() => dealer.close());
    const service = await buildTestDashboard({ dealer });
    cleanups.push(() => service.close());
    const url = await service.app.listen({ port: 0, host: "127.0.0.1" });
    const scopes = ["dashboard:read", OTHER_SCOPE];
    const client = await dealer.addClient("dredd-dashboard", scopes, ["dashboard"]);
    return {
      url,
      app: service.app,
      credentials: {
        bearer: (wanted) => dealer.token(client.id, client.secret, "dashboard", wanted),
        scopes,
        foreignBearer: () => foreignToken(dealer, scopes),
      },
      params: { existing: {}, missing: {} },
      seed: async () => {},
      close: closeAll,
    };
  } catch (error) {
    await closeAll();
    throw error;
  }
}
