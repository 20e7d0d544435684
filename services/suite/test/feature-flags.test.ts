import assert from "node:assert/strict";
import { readFile, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { test } from "node:test";
import { DEFAULT_FLAGS } from "@jeeves/service-kit";
import { mention, startE2e, TEAM, waitFor } from "./harness.ts";

test("the suite writes the default flags file on its first start; a flag flipped in it changes a reply without a restart", async (t) => {
  const e = await startE2e(t, { bus: "memory" });
  const file = join(e.dataRoot, "flags.json");
  assert.deepEqual(JSON.parse(await readFile(file, "utf8")), DEFAULT_FLAGS);

  const ask = async () => {
    const event = mention("time");
    await e.sendEvent(event);
    await waitFor("the reply", () => e.slack.posts.some((p) => p.thread_ts === event.event.ts && p.status === 200));
    return e.slack.posts.find((p) => p.thread_ts === event.event.ts)?.text;
  };
  assert.match(String(await ask()), /don't know that one/, "not rolled out to this workspace yet");

  const reloaded = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("no reload within 10 s")), 10_000);
    const remove = e.suite.apps.actions.flags.onReload(() => {
      clearTimeout(timer);
      remove();
      resolve();
    });
  });
  const flags = structuredClone(DEFAULT_FLAGS);
  flags.flags["time-command"].rules = [{ workspaces: ["local", TEAM], value: true }];
  await writeFile(`${file}.tmp`, JSON.stringify(flags));
  await rename(`${file}.tmp`, file);
  await reloaded;
  assert.match(String(await ask()), /^It is \d\d:\d\d UTC\.$/);
});
