import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { MemoryBus, silentLogger } from "@jeeves/bus";
import { FakeWeather, fakeClock, MemoryAlerts, startTestScheduler, weatherReport } from "../../testing/index.ts";
import { settle, waitFor } from "../helper.ts";

describe("fakeClock", () => {
  it("moves only when told to", () => {
    const clock = fakeClock("2026-11-28T08:00:00Z");
    assert.equal(clock.now().toISOString(), "2026-11-28T08:00:00.000Z");
    clock.advance(90_000);
    assert.equal(clock.now().toISOString(), "2026-11-28T08:01:30.000Z");
    clock.set("2026-11-29T00:00:00Z");
    assert.equal(clock.now().toISOString(), "2026-11-29T00:00:00.000Z");
    assert.throws(() => fakeClock("tomorrow"), RangeError);
  });
});

describe("startTestScheduler", () => {
  it("runs on its own TokenDealer and dataservice when given none, and closes them", async () => {
    const scheduler = await startTestScheduler({ now: fakeClock("2026-11-28T08:00:00Z").now });
    assert.ok(scheduler.dataservice?.url.startsWith("http://127.0.0.1:"));
    assert.equal(scheduler.app.alertClock.last?.summary.failed, 0, "the start tick reached the dataservice");
    await scheduler.close();
    assert.equal(scheduler.app.alertClock.running, false);
    await assert.rejects(fetch(`${scheduler.dataservice?.url}/health`), "the dataservice it started is closed");
  });

  it("two schedulers on one MemoryAlerts share the claims, as two copies share the dataservice", async (t) => {
    const bus = new MemoryBus({ logger: silentLogger });
    t.after(() => bus.close());
    const records = new MemoryAlerts([
      {
        user_id: "u1",
        slack_team_id: "T0DRONES1",
        slack_user_id: "U0BERTIE1",
        alert_time: "08:00",
        timezone: "UTC",
        location: "Paris",
      },
    ]);
    const weather = new FakeWeather({ Paris: weatherReport() });
    const now = fakeClock("2026-11-28T08:05:00Z").now;
    const one = await startTestScheduler({ bus, records, weather, now });
    t.after(() => one.close());
    const two = await startTestScheduler({ bus, records, weather, now });
    t.after(() => two.close());
    await waitFor(() => one.replies.length === 1);
    // Each copy's tick ends after the reply is out: wait for both summaries, then for anything more.
    await waitFor(() => one.app.alertClock.last !== undefined && two.app.alertClock.last !== undefined);
    await settle();
    assert.equal(one.app.alertClock.last?.summary.sent, 1);
    assert.equal(two.app.alertClock.last?.summary.alreadyClaimed, 1, "the second copy found the claim taken");
    assert.equal(one.replies.length, 1);
    assert.deepEqual([...records.claims], ["u1 2026-11-28"]);
    assert.equal(weather.calls.length, 1);
  });
});
