import assert from "node:assert/strict";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { ensureDashboardPage } from "../src/dashboard-page.ts";

test("npm start builds the dashboard's page when it is missing or stale, with a line before and after", async (t) => {
  const web = await mkdtemp(join(tmpdir(), "jeeves-web-"));
  t.after(() => rm(web, { recursive: true, force: true }));
  const lines: string[] = [];
  const write = (line: string) => lines.push(line);
  const builds: string[] = [];
  const build = async (dir: string) => {
    builds.push(dir);
    await mkdir(join(dir, "dist"), { recursive: true });
    await writeFile(join(dir, "dist", "index.html"), "<html>built</html>");
  };
  assert.equal(await ensureDashboardPage({}, write, web, build), "skipped", "no Vite project");
  await writeFile(join(web, "index.html"), "<html></html>");
  assert.equal(await ensureDashboardPage({ DASHBOARD_STATIC_DIR: "/srv/page" }, write, web, build), "skipped");
  assert.equal(await ensureDashboardPage({}, write, web, build), "built");
  assert.deepEqual(builds, [web]);
  assert.match(lines[0], /^jeeves: building the dashboard's page \(not built yet\): vite build /);
  assert.match(lines[1], /^jeeves: the dashboard's page is built \(\d+\.\d s\)/);
  assert.equal(await ensureDashboardPage({}, write, web, build), "fresh");
  assert.equal(builds.length, 1);
  const failing = async () => {
    throw new Error("vite build failed (exit code 1)");
  };
  await rm(join(web, "dist"), { recursive: true });
  assert.equal(await ensureDashboardPage({}, write, web, failing), "failed");
  assert.match(lines.at(-1) ?? "", /could not be built \(vite build failed \(exit code 1\)\); \/ answers 503/);
});
