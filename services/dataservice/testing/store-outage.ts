import type { FastifyInstance } from "fastify";
import type { Store } from "../src/domain/store.ts";
import { StoreUnavailableError } from "../src/domain/store.ts";

/**
 * Makes every call of the dataservice's store (`app.store`: users, settings, workspaces, alerts, ping)
 * reject as it does while the database cannot be reached; resolves to the function that undoes it.
 * For tests and the Dredd provider's 503 state; a real outage is shown on PostgreSQL through a proxy.
 */
export function simulateDatabaseDown(app: FastifyInstance): () => void {
  const store = app.store as Store & Record<string, unknown>;
  const undo: (() => void)[] = [];
  const down = () => Promise.reject(new StoreUnavailableError("the database cannot be reached (simulated)"));
  const replace = (target: Record<string, unknown>) => {
    for (const [key, value] of Object.entries(target)) {
      if (typeof value !== "function" || key === "close") continue;
      target[key] = down;
      undo.push(() => {
        target[key] = value;
      });
    }
  };
  for (const part of [store.users, store.settings, store.workspaces, store.alerts]) {
    replace(part as unknown as Record<string, unknown>);
  }
  replace(store);
  return () => {
    for (const step of undo) step();
  };
}
