import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { appendFile, cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { CLIENT_KIT_OUTPUT_DIRS, OUTPUT_DIRS } from "../src/generate.ts";

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const SPECS = join(ROOT, "specs");
const BIN = fileURLToPath(new URL("../bin/jeeves-codegen.js", import.meta.url));

async function tempDir(t: { after(fn: () => Promise<void>): void }): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "codegen-check-"));
  t.after(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/** A copy of the committed generated/ (the folders the generator owns). */
async function copyOfGenerated(t: { after(fn: () => Promise<void>): void }): Promise<string> {
  const out = await tempDir(t);
  for (const dir of OUTPUT_DIRS) await cp(join(ROOT, "generated", dir), join(out, dir), { recursive: true });
  return out;
}

/** `jeeves-codegen --check` as `npm run generate:check` runs it (outside CI: no git status). */
async function check(
  specs: string,
  out: string,
  ...extra: string[]
): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = { ...process.env };
  delete env.CI;
  delete env.NODE_V8_COVERAGE;
  try {
    const args = [BIN, "--specs", specs, "--out", out, "--check", ...extra];
    const { stdout, stderr } = await run(process.execPath, args, { env });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

test("the check names a hand-edited file of generated/, tells how to fix it, and leaves the edit alone", async (t) => {
  const out = await copyOfGenerated(t);
  const file = join(out, "openapi", "weather.ts");
  await appendFile(file, "// edited by hand\n");
  const edited = await check(SPECS, out);
  assert.equal(edited.code, 1);
  assert.match(edited.stderr, /run `npm run generate`/);
  // Only the edited file: the rest of the committed generated/ is what the specs produce.
  assert.deepEqual(edited.stderr.match(/^ {2}\S.*$/gm), ["  changed: openapi/weather.ts"]);
  assert.match(await readFile(file, "utf8"), /\/\/ edited by hand\n$/, "the check rewrites nothing");
});

test("the check of the client factories (--target client-kit) names a hand edit in packages/client-kit/generated/", async (t) => {
  const out = await tempDir(t);
  for (const dir of CLIENT_KIT_OUTPUT_DIRS) {
    await cp(join(ROOT, "packages/client-kit/generated", dir), join(out, dir), { recursive: true });
  }
  assert.equal((await check(SPECS, out, "--target", "client-kit")).code, 0, "the committed factories match");
  await appendFile(join(out, "clients", "weather.ts"), "// edited by hand\n");
  const edited = await check(SPECS, out, "--target", "client-kit");
  assert.equal(edited.code, 1);
  assert.match(edited.stderr, /^packages\/client-kit\/generated\/ differs .*run `npm run generate`/m);
  assert.deepEqual(edited.stderr.match(/^ {2}\S.*$/gm), ["  changed: clients/weather.ts"]);
  const unknown = await check(SPECS, out, "--target", "elsewhere");
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /--target is generated or client-kit, not elsewhere/);
});

test("the check names what a spec changed without regenerating would change", async (t) => {
  // Named specs/ like the original: every generated file names its source relative to the folder's parent.
  const specs = join(await tempDir(t), "specs");
  await cp(SPECS, specs, { recursive: true });
  const out = await copyOfGenerated(t);
  const spec = join(specs, "openapi", "weather.yaml");
  const text = await readFile(spec, "utf8");
  assert.ok(text.includes("summary: Liveness probe."), "the spec still has the summary this test edits");
  await writeFile(spec, text.replace("summary: Liveness probe.", "summary: Is the process alive?"));
  const result = await check(specs, out);
  assert.equal(result.code, 1);
  assert.deepEqual(result.stderr.match(/^ {2}\S.*$/gm), [
    "  changed: openapi/weather.ts",
    "  changed: specs/weather.ts",
  ]);
  assert.match(result.stderr, /run `npm run generate`/);
});

test("npm test checks generated/ and never regenerates it; npm start does not regenerate either", async () => {
  const dry = async (...args: string[]) => {
    const { stdout } = await run(join(ROOT, "node_modules", ".bin", "turbo"), ["run", ...args, "--dry=json"], {
      cwd: ROOT,
      maxBuffer: 64 * 1024 * 1024,
    });
    return (JSON.parse(stdout) as { tasks: { taskId: string; dependencies: string[] }[] }).tasks;
  };
  const testTasks = await dry("test");
  assert.deepEqual(
    testTasks.filter((task) => task.taskId.endsWith("#generate")).map((task) => task.taskId),
    [],
    "no generate task in npm test",
  );
  const tests = testTasks.filter((task) => task.taskId.endsWith("#test"));
  assert.ok(tests.length > 5);
  for (const task of tests) {
    assert.ok(task.dependencies.includes("@jeeves/generated#generate:check"), `${task.taskId} waits for the check`);
    assert.ok(
      task.dependencies.includes("@jeeves/client-kit#generate:check"),
      `${task.taskId} waits for the check of the client factories`,
    );
  }
  // npm start runs the suite's entry point itself (no turbo, so no task before it); turbo's own start
  // task (`npx turbo run start --filter=@jeeves/suite`, each service's `npm run dev` alike) has none either.
  const root = JSON.parse(await readFile(join(ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> };
  assert.doesNotMatch(root.scripts.start, /generate|turbo/, "npm start runs no generator and no turbo task");
  const startTasks = await dry("start", "--filter=@jeeves/suite");
  assert.deepEqual(
    startTasks.filter((task) => task.taskId.includes("generate")).map((task) => task.taskId),
    [],
    "no generate task in turbo's start",
  );
});
