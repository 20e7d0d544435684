import assert from "node:assert/strict";
import { mkdtempSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { OpenFeature } from "@openfeature/server-sdk";
import { FileFlagProvider } from "../src/feature-flags.ts";
import { type FeatureFlags, FLAG, openFeatureFlags, parseFlagsDocument, type ReloadOutcome } from "../src/index.ts";

const folder = mkdtempSync(join(tmpdir(), "jeeves-flags-"));
after(() => rmSync(folder, { recursive: true, force: true }));

/** Writes the file atomically (as an editor or `mv` would). */
function writeFlags(file: string, flags: unknown): void {
  writeFileSync(`${file}.tmp`, typeof flags === "string" ? flags : JSON.stringify({ flags }));
  renameSync(`${file}.tmp`, file);
}

/** Resolves with the next reload's outcome; fails after 10 s. */
function nextReload(flags: FeatureFlags): Promise<ReloadOutcome> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("no reload within 10 s")), 10_000);
    const remove = flags.onReload((outcome) => {
      clearTimeout(timer);
      remove();
      resolve(outcome);
    });
  });
}

test("a missing file means the defaults; the rolled-out command is on for `local` only", async (t) => {
  const flags = await openFeatureFlags({ file: join(folder, "none.json"), pollMs: 50 });
  t.after(() => flags.close());
  assert.equal(await flags.boolean(FLAG.ALERTS_ENABLED, false), true);
  assert.equal(await flags.string(FLAG.WEATHER_PROVIDER, "x"), "openweathermap");
  assert.equal(await flags.boolean(FLAG.TIME_COMMAND, false, { workspace: "local" }), true);
  assert.equal(await flags.boolean(FLAG.TIME_COMMAND, true, { workspace: "T1" }), false);
  assert.equal(await flags.boolean("no-such-flag", true), true);
});

test("a flag flipped in the file changes the answer without a restart; a bad file keeps the last good flags", async (t) => {
  const file = join(folder, "flags.json");
  writeFlags(file, { "time-command": { value: false, rules: [{ workspaces: ["T1"], value: true }] } });
  const flags = await openFeatureFlags({ file, pollMs: 50 });
  t.after(() => flags.close());
  assert.equal(await flags.boolean(FLAG.TIME_COMMAND, false, { workspace: "T1" }), true);
  assert.equal(await flags.boolean(FLAG.TIME_COMMAND, false, { workspace: "T2" }), false);

  let reloaded = nextReload(flags);
  writeFlags(file, { "time-command": { value: false, rules: [{ workspaces: ["T1", "T2"], value: true }] } });
  assert.deepEqual(await reloaded, { ok: true, missing: false });
  assert.equal(await flags.boolean(FLAG.TIME_COMMAND, false, { workspace: "T2" }), true);
  assert.equal(await flags.boolean(FLAG.TIME_COMMAND, false, { workspace: "T3" }), false);

  reloaded = nextReload(flags);
  writeFlags(file, "{ not json");
  assert.equal((await reloaded).ok, false);
  assert.equal(await flags.boolean(FLAG.TIME_COMMAND, false, { workspace: "T2" }), true);

  reloaded = nextReload(flags);
  writeFlags(file, { "time-command": { value: true, rules: [{ users: ["U9"], value: false }] } });
  assert.equal((await reloaded).ok, true);
  assert.equal(await flags.boolean(FLAG.TIME_COMMAND, false, { workspace: "T3", user: "U1" }), true);
  assert.equal(await flags.boolean(FLAG.TIME_COMMAND, true, { workspace: "T3", user: "U9" }), false);

  reloaded = nextReload(flags);
  rmSync(file);
  assert.deepEqual(await reloaded, { ok: true, missing: true });
  assert.equal(await flags.boolean(FLAG.TIME_COMMAND, true, { workspace: "T2" }), false);
});

test("a question asked again is answered from memory until the file is reloaded; a hook sees every evaluation", async (t) => {
  const file = join(folder, "remembered.json");
  writeFlags(file, { "time-command": { value: false, rules: [{ workspaces: ["T1"], value: true }] } });
  const resolve = t.mock.method(FileFlagProvider.prototype, "resolveBooleanEvaluation");
  const flags = await openFeatureFlags({ file, pollMs: 50 });
  t.after(() => flags.close());
  for (let i = 0; i < 3; i += 1) assert.equal(await flags.boolean(FLAG.TIME_COMMAND, false, { workspace: "T1" }), true);
  assert.equal(resolve.mock.callCount(), 1, "asked three times, evaluated once");
  assert.equal(await flags.boolean(FLAG.TIME_COMMAND, false, { workspace: "T1", user: "U1" }), true);
  assert.equal(resolve.mock.callCount(), 2, "another context is evaluated");

  const reloaded = nextReload(flags);
  writeFlags(file, { "time-command": { value: false } });
  await reloaded;
  assert.equal(await flags.boolean(FLAG.TIME_COMMAND, false, { workspace: "T1" }), false, "the new file's answer");
  assert.equal(resolve.mock.callCount(), 3);

  let seen = 0;
  OpenFeature.addHooks({
    before: () => {
      seen += 1;
    },
  });
  t.after(() => OpenFeature.clearHooks());
  await flags.boolean(FLAG.TIME_COMMAND, false, { workspace: "T1" });
  await flags.boolean(FLAG.TIME_COMMAND, false, { workspace: "T1" });
  assert.equal(seen, 2, "with a hook registered nothing is answered from memory");
  assert.equal(resolve.mock.callCount(), 5);
});

test("the file is checked: values and rules", () => {
  assert.throws(() => parseFlagsDocument([]), /"flags"/);
  assert.throws(() => parseFlagsDocument({ flags: { a: {} } }), /"value"/);
  assert.throws(() => parseFlagsDocument({ flags: { a: { value: 1, rules: {} } } }), /list/);
  assert.throws(() => parseFlagsDocument({ flags: { a: { value: 1, rules: [{ value: 2, users: [3] }] } } }), /strings/);
  assert.ok(parseFlagsDocument({ flags: { a: { value: "x", rules: [{ workspaces: ["T"], value: "y" }] } } }));
});
