import assert from "node:assert/strict";
import { Writable } from "node:stream";
import { test } from "node:test";
import { SERVICES } from "../src/layout.ts";
import { startE2e, waitFor } from "./harness.ts";

type Line = Record<string, unknown>;

/** The scheduler's clock, as its plugin decorates the app. */
interface AlertClock {
  tick(): Promise<unknown>;
  idle(): Promise<void>;
}

test("an idle suite prints nothing at info: clock ticks, their dataservice polls and health polls stay at debug", async (t) => {
  const lines: Line[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      for (const line of chunk.toString().split("\n").filter(Boolean)) lines.push(JSON.parse(line) as Line);
      done();
    },
  });
  const e = await startE2e(t, { bus: "memory", logger: { level: "info", stream } });
  const clock = (e.suite.apps.scheduler as unknown as { alertClock: AlertClock }).alertClock;
  // Start-up lines and the install's are done once the clock's first ticks ran.
  await clock.tick();
  await clock.idle();
  await new Promise((resolve) => setImmediate(resolve));
  const before = lines.length;
  // Idle: the clock ticks (each lists the subscriptions at the dataservice), probes poll /health.
  for (let i = 0; i < 5; i++) await clock.tick();
  for (const name of SERVICES) {
    const health = await fetch(`${e.suite.layout.urls[name]}/health`);
    assert.ok(health.status < 500, `${name} /health answered ${health.status}`);
  }
  await clock.idle();
  // A marker line proves the log is flowing, so "nothing" is not a log that stopped.
  e.suite.apps.scheduler.log.info("marker");
  await waitFor("the marker", () => lines.some((line) => line.msg === "marker"));
  const idle = lines.slice(before).filter((line) => Number(line.level) >= 30 && line.msg !== "marker");
  assert.deepEqual(
    idle.map((line) => `${line.service}: ${line.msg} ${JSON.stringify(line.req ?? "")}`),
    [],
    "lines at info or above while idle",
  );
});
