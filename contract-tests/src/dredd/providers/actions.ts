import { MemoryRecords, startTestActions } from "@jeeves/actions/testing";
import type { PlannedTransaction } from "../plan.ts";
import type { ProviderSession, RequestSpec, Undo } from "./types.ts";

/**
 * The actions service as a provider: `startTestActions` on a MemoryBus with in-memory records (its HTTP
 * side, `/health` and `/ready`, reads neither the dataservice nor the records), consuming chat messages,
 * listening on 127.0.0.1 on a free port. Both operations are public (`security: []`).
 */
export async function startProvider(): Promise<ProviderSession> {
  const actions = await startTestActions({ records: new MemoryRecords() });
  let url: string;
  try {
    url = await actions.app.listen({ port: 0, host: "127.0.0.1" });
  } catch (error) {
    await actions.close();
    throw error;
  }
  const { app } = actions;

  /** Provider states: what a transaction needs beyond the default request. */
  function prepare(transaction: PlannedTransaction, _request: RequestSpec): Undo | undefined {
    if (`${transaction.operation.operationId} ${transaction.status}` !== "getReady 503") return undefined;
    // Not consuming for this one request: `/ready` reads the consumer's state, which says unsubscribed (the
    // app offers no way to stop its consumer short of closing, which would stop the server too).
    const consumer = app.chatConsumer;
    app.chatConsumer = { subscribed: false };
    return () => {
      app.chatConsumer = consumer;
    };
  }

  return {
    url,
    app,
    credentials: {},
    params: { existing: {}, missing: {} },
    async seed() {
      if (!app.chatConsumer.subscribed) throw new Error("the actions service is not consuming chat messages");
    },
    prepare,
    close: () => actions.close(),
  };
}
