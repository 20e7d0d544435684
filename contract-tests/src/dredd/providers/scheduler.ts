import { FakeWeather, MemoryAlerts, startTestScheduler } from "@jeeves/scheduler/testing";
import type { PlannedTransaction } from "../plan.ts";
import type { ProviderSession, RequestSpec, Undo } from "./types.ts";

/**
 * The scheduler as a provider: `startTestScheduler` on a MemoryBus with in-memory alert records (no
 * subscriber) and a fake weather (its HTTP side, `/health` and `/ready`, reads neither), its alert clock
 * running, listening on 127.0.0.1 on a free port. Both operations are public (`security: []`).
 */
export async function startProvider(): Promise<ProviderSession> {
  const scheduler = await startTestScheduler({ records: new MemoryAlerts(), weather: new FakeWeather() });
  let url: string;
  try {
    url = await scheduler.app.listen({ port: 0, host: "127.0.0.1" });
  } catch (error) {
    await scheduler.close();
    throw error;
  }
  const { app } = scheduler;

  /** Provider states: what a transaction needs beyond the default request. */
  function prepare(transaction: PlannedTransaction, _request: RequestSpec): Undo | undefined {
    if (`${transaction.operation.operationId} ${transaction.status}` !== "getReady 503") return undefined;
    // The alert clock reads as stopped for this one request (stopping it for real cannot be undone: only
    // the app's ready hook starts it).
    const clock = app.alertClock;
    app.alertClock = { ...clock, running: false };
    return () => {
      app.alertClock = clock;
    };
  }

  return {
    url,
    app,
    credentials: {},
    params: { existing: {}, missing: {} },
    async seed() {
      if (!app.alertClock.running) throw new Error("the scheduler's alert clock is not running");
    },
    prepare,
    close: () => scheduler.close(),
  };
}
