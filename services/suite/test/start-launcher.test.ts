import assert from "node:assert/strict";
import { mkdir, mkdtemp, rm, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type TestContext, test } from "node:test";
import { bundleState } from "../bin/start.js";

/** A checkout in miniature: a source in packages/, a built bundle, and the time of each. */
async function checkout(t: TestContext) {
  const root = await mkdtemp(join(tmpdir(), "jeeves-launcher-"));
  t.after(() => rm(root, { recursive: true, force: true }));
  const file = async (path: string, at: number) => {
    await mkdir(join(root, path, ".."), { recursive: true });
    await writeFile(join(root, path), "x");
    await utimes(join(root, path), at, at);
  };
  return { root, bundle: join(root, "services/suite/dist/main.js"), file };
}

test("npm start bundles the suite when it was never bundled, or a source is newer than the bundle", async (t) => {
  const { root, bundle, file } = await checkout(t);
  await file("packages/bus/src/memory-bus.ts", 1000);
  assert.equal(bundleState(root, bundle), "missing");
  await file("services/suite/dist/main.js", 2000);
  assert.equal(bundleState(root, bundle), undefined, "up to date: started as it is");
  for (const changed of [
    "packages/bus/src/memory-bus.ts",
    "generated/specs/bus.ts",
    "specs/openapi/weather.yaml",
    "package-lock.json",
  ]) {
    await file(changed, 3000);
    assert.equal(bundleState(root, bundle), "stale", `${changed} changed`);
    await file(changed, 1000);
  }
  assert.equal(bundleState(root, bundle), undefined);
});

test("what is not a source of the bundle never makes it stale: dependencies, builds, test output, the dashboard's page", async (t) => {
  const { root, bundle, file } = await checkout(t);
  await file("services/suite/dist/main.js", 2000);
  for (const other of [
    "node_modules/fastify/fastify.js",
    "services/dashboard/dist/server.js",
    "services/dashboard/web/src/main.tsx",
    "services/dashboard/test-output/login.png",
    "packages/codecs/coverage/index.html",
    "packages/bus/.turbo/turbo-test.log",
  ]) {
    await file(other, 3000);
  }
  assert.equal(bundleState(root, bundle), undefined);
});
