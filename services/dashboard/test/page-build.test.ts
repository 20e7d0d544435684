import assert from "node:assert/strict";
import { mkdir, mkdtemp, rm, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { buildPage, pageBuildState, WEB_DIR } from "../src/page-build.ts";

test("the page's Vite project is services/dashboard/web", () => {
  assert.match(WEB_DIR, /services\/dashboard\/web\/$/);
});

test("no sources, missing, stale, fresh: by index.html and the sources' times against dist/index.html", async (t) => {
  const web = await mkdtemp(join(tmpdir(), "dashboard-web-"));
  t.after(() => rm(web, { recursive: true, force: true }));
  assert.equal(pageBuildState(web), "no-sources");
  await writeFile(join(web, "index.html"), "<html></html>");
  await mkdir(join(web, "src"));
  await writeFile(join(web, "src", "main.tsx"), "export {}");
  assert.equal(pageBuildState(web), "missing");
  await mkdir(join(web, "dist"));
  await writeFile(join(web, "dist", "index.html"), "<html>built</html>");
  const past = new Date(Date.now() - 60_000);
  for (const file of ["index.html", "src/main.tsx"]) await utimes(join(web, file), past, past);
  assert.equal(pageBuildState(web), "fresh");
  await mkdir(join(web, "node_modules"));
  await writeFile(join(web, "node_modules", "later.js"), "");
  await writeFile(join(web, ".eslintcache"), "");
  assert.equal(pageBuildState(web), "fresh", "node_modules and dot files are not sources");
  await writeFile(join(web, "src", "main.tsx"), "export const changed = 1");
  const future = new Date(Date.now() + 60_000);
  await utimes(join(web, "src", "main.tsx"), future, future);
  assert.equal(pageBuildState(web), "stale");
});

test("building without Vite in reach says so", async (t) => {
  const root = await mkdtemp(join(tmpdir(), "dashboard-novite-"));
  t.after(() => rm(root, { recursive: true, force: true }));
  await mkdir(join(root, "web"));
  await assert.rejects(buildPage(join(root, "web")), /vite is not installed/);
});
