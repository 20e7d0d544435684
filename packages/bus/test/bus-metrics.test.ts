import assert from "node:assert/strict";
import { test } from "node:test";
import { type BusObserver, MemoryBus, observeBus, PermanentError } from "../src/index.ts";

function recorder() {
  const calls: string[] = [];
  const observer: BusObserver = {
    published: (key) => void calls.push(`published ${key}`),
    consumed: (key, group) => void calls.push(`consumed ${key} ${group}`),
    retried: (key, group) => void calls.push(`retried ${key} ${group}`),
    deadLettered: (key, group) => void calls.push(`dead ${key} ${group}`),
  };
  return { calls, observer };
}

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  assert.ok(check(), "timed out");
}

test("observeBus reports publishes, handled messages, retries and dead letters", async (t) => {
  const bus = new MemoryBus();
  t.after(() => bus.close());
  const { calls, observer } = recorder();
  const observed = observeBus(bus, observer);
  let failures = 0;
  await observed.subscribe(
    "chat.#",
    "g",
    async (message) => {
      if (message.routingKey === "chat.bad" && failures++ < 1) throw new Error("once");
      if (message.routingKey === "chat.dead") throw new PermanentError("never");
    },
    { retryDelayMs: 0, maxAttempts: 3 },
  );
  await observed.publish("chat.ok", new Uint8Array([1]));
  await observed.publish("chat.bad", new Uint8Array([1]));
  await observed.publish("chat.dead", new Uint8Array([1]));
  await until(() => calls.filter((c) => !c.startsWith("published")).length === 4);
  assert.deepEqual(
    calls.filter((c) => c.startsWith("published")),
    ["published chat.ok", "published chat.bad", "published chat.dead"],
  );
  assert.deepEqual(calls.filter((c) => !c.startsWith("published")).sort(), [
    "consumed chat.bad g",
    "consumed chat.ok g",
    "dead chat.dead g",
    "retried chat.bad g",
  ]);
});
