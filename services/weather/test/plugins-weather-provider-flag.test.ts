import assert from "node:assert/strict";
import { mkdtempSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import { openFeatureFlags } from "@jeeves/service-kit";
import { build } from "./helper.ts";
import { get } from "./wire.ts";

const folder = mkdtempSync(join(tmpdir(), "jeeves-weather-flags-"));
after(() => rmSync(folder, { recursive: true, force: true }));

function writeProvider(file: string, provider: string): void {
  writeFileSync(`${file}.tmp`, JSON.stringify({ flags: { "weather-provider": { value: provider } } }));
  renameSync(`${file}.tmp`, file);
}

describe("the weather-provider flag", () => {
  test("`demo` answers built-in demo data without calling OpenWeatherMap; back to `openweathermap` without a restart", async (t) => {
    const file = join(folder, "flags.json");
    writeProvider(file, "demo");
    const flags = await openFeatureFlags({ file, pollMs: 50 });
    t.after(() => flags.close());
    const { app, token, upstream } = await build(t, { flags });

    const demo = await get(app, "/weather?location=Paris&units=imperial", { token });
    assert.equal(demo.status, 200);
    assert.equal((demo.body as { demo: boolean }).demo, true);
    assert.equal((demo.body as { units: string }).units, "imperial");
    assert.equal(upstream.calls.length, 0, "demo data calls nobody");

    const reloaded = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("no reload within 10 s")), 10_000);
      const remove = flags.onReload(() => {
        clearTimeout(timer);
        remove();
        resolve();
      });
    });
    writeProvider(file, "openweathermap");
    await reloaded;
    const real = await get(app, "/weather?location=Berlin", { token });
    assert.equal(real.status, 200);
    assert.equal((real.body as { demo: boolean }).demo, false);
    assert.equal(upstream.calls.length, 1);
  });
});
