import assert from "node:assert/strict";
import { mkdtempSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { openFeatureFlags } from "@jeeves/service-kit";
import { FakeWeather, fakeClock, MemoryAlerts, startTestScheduler, weatherReport } from "../testing/index.ts";

const folder = mkdtempSync(join(tmpdir(), "jeeves-scheduler-flags-"));
after(() => rmSync(folder, { recursive: true, force: true }));

function writeFlags(file: string, alertsEnabled: boolean): void {
  writeFileSync(`${file}.tmp`, JSON.stringify({ flags: { "alerts-enabled": { value: alertsEnabled } } }));
  renameSync(`${file}.tmp`, file);
}

describe("the alerts-enabled flag (flags file, reloaded without a restart)", () => {
  it("off: due alerts are neither claimed nor sent; on again: they are, at the next tick", async (t) => {
    const file = join(folder, "flags.json");
    writeFlags(file, false);
    const flags = await openFeatureFlags({ file, pollMs: 50 });
    t.after(() => flags.close());
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
    const clock = fakeClock("2026-11-28T08:05:00Z");
    const s = await startTestScheduler({
      records,
      weather: new FakeWeather({ Paris: weatherReport() }),
      now: clock.now,
      flags,
    });
    t.after(() => s.close());

    const off = await s.app.alertClock.tick();
    assert.equal(off.disabled, true);
    assert.equal(off.sent, 0);
    assert.equal(records.claims.size, 0, "nothing claimed while alerts are off");

    const reloaded = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("no reload within 10 s")), 10_000);
      const remove = flags.onReload(() => {
        clearTimeout(timer);
        remove();
        resolve();
      });
    });
    writeFlags(file, true);
    await reloaded;
    clock.set("2026-11-28T08:06:00Z");
    const on = await s.app.alertClock.tick();
    assert.equal(on.sent, 1);
    const deadline = Date.now() + 10_000;
    while (s.replies.length === 0 && Date.now() < deadline) await new Promise((resolve) => setImmediate(resolve));
    assert.equal(s.replies.length, 1);
    assert.equal(s.replies[0].reply_to, "alert:u1:2026-11-28");
  });
});
