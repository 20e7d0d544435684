import type { TestContext } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import type { BusLogger } from "@jeeves/bus";
import { MemoryRecords, startTestActions, type TestActions, type TestActionsOptions } from "../testing/index.ts";

/**
 * Starts the actions service for one test (in-memory records unless `options` says otherwise: pass
 * `records: undefined` explicitly to get the real TokenDealer and dataservice) and closes it after it.
 */
export async function build(
  t: TestContext | { after(fn: () => Promise<void>): void },
  options: TestActionsOptions = { records: new MemoryRecords() },
): Promise<TestActions> {
  const actions = await startTestActions(options);
  t.after(() => actions.close());
  return actions;
}

/** Waits until `done()` holds (every 5 ms), or fails after `timeoutMs` (generous: the machine may be loaded). */
export async function waitFor(done: () => boolean, timeoutMs = 15_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > until) throw new Error(`condition not met within ${timeoutMs} ms`);
    await sleep(5);
  }
}

/** A BusLogger that keeps every line, to check what is logged (and what never is). */
export function recordingLogger(): BusLogger & { lines: { level: string; fields: object; message: string }[] } {
  const lines: { level: string; fields: object; message: string }[] = [];
  const at = (level: string) => (fields: Record<string, unknown>, message: string) => {
    lines.push({ level, fields, message });
  };
  return { lines, info: at("info"), warn: at("warn"), error: at("error") };
}
