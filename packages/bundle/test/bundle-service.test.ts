import assert from "node:assert/strict";
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { existsSync } from "node:fs";
import { copyFile, cp, link, mkdir, mkdtemp, readdir, readFile, readlink, rm, symlink } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { freePort } from "@jeeves/prism";
import { type BundleResult, bundleService } from "../src/bundle-service.ts";
import { type Lockfile, nameAt, productionClosure } from "../src/lockfile.ts";

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
/** Inside the checkout (so the bundles find the root node_modules), in a folder every linter ignores. */
const SCRATCH = fileURLToPath(new URL("../dist/", import.meta.url));

/** What no service may carry into production: contract and mock tooling, compilers, test runners. */
const TEST_TOOLING = [
  "dredd",
  "@stoplight/prism-cli",
  "@redocly/cli",
  "@bufbuild/buf",
  "typescript",
  "tsx",
  "esbuild",
  "c8",
  "fast-check",
  "@jeeves/prism",
  "@jeeves/testing",
  "@jeeves/contract-tests",
];

/** Each service with a `jeeves-bundle` build, and its entries (`services/suite` → src/main.ts src/chat.ts). */
async function bundledServices(): Promise<Array<{ name: string; entries: string[] }>> {
  const services: Array<{ name: string; entries: string[] }> = [];
  for (const name of (await readdir(join(ROOT, "services"), { withFileTypes: true })).filter((d) => d.isDirectory())) {
    const manifest = JSON.parse(await readFile(join(ROOT, "services", name.name, "package.json"), "utf8")) as {
      scripts?: Record<string, string>;
    };
    const build = manifest.scripts?.build ?? "";
    // The bundle step, maybe between other steps (the dashboard builds its page first): `jeeves-bundle <entries>`.
    const bundle = /(?:^|&& )jeeves-bundle((?: [^\s&]+)+)(?: &&|$)/.exec(build);
    assert.ok(bundle, `services/${name.name}: the build script bundles (${build})`);
    services.push({ name: name.name, entries: bundle[1].trim().split(" ") });
  }
  return services.sort((a, b) => a.name.localeCompare(b.name));
}

/** Resolves with the process's stdout once a line matches, rejects when it exits first or after `ms`. */
function waitForLine(child: ChildProcess, pattern: RegExp, ms: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let seen = "";
    const timer = setTimeout(() => done(new Error(`no line matching ${pattern} in ${ms} ms:\n${seen}`)), ms);
    const onData = (chunk: Buffer) => {
      seen += chunk.toString("utf8");
      if (pattern.test(seen)) done();
    };
    const onExit = (code: number | null) => done(new Error(`exited with ${code} before ${pattern}:\n${seen}`));
    function done(error?: Error) {
      clearTimeout(timer);
      child.stdout?.off("data", onData);
      child.off("exit", onExit);
      if (error) reject(error);
      else resolve(seen);
    }
    child.stdout?.on("data", onData);
    child.once("exit", onExit);
  });
}

/**
 * Copies a package's folder as hard links (a plain copy across file systems), leaving out its nested
 * node_modules: the lockfile places those packages itself, and a copy must not hide one it forgot.
 */
async function linkTree(source: string, target: string): Promise<void> {
  await mkdir(target, { recursive: true });
  for (const entry of await readdir(source, { withFileTypes: true })) {
    if (entry.name === "node_modules") continue;
    const from = join(source, entry.name);
    const to = join(target, entry.name);
    if (entry.isDirectory()) await linkTree(from, to);
    else if (entry.isSymbolicLink()) await symlink(await readlink(from), to);
    else await link(from, to).catch(() => copyFile(from, to));
  }
}

/** Starts a built weather service with plain `node` (no loader, no NODE_OPTIONS) on a free port. */
async function startWeather(dir: string, dataDir: string): Promise<{ child: ChildProcess; url: string }> {
  const port = await freePort();
  const env: Record<string, string | undefined> = { ...process.env, NODE_OPTIONS: undefined };
  const child = spawn(process.execPath, [join(dir, "server.js")], {
    cwd: dataDir,
    env: {
      ...env,
      PORT: String(port),
      HOST: "127.0.0.1",
      // No OpenWeatherMap key and no way out: /health needs neither.
      OPENWEATHER_URL: "http://127.0.0.1:9",
      LOG_LEVEL: "info",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  assert.deepEqual(child.spawnargs, [process.execPath, join(dir, "server.js")], "node and the bundle, nothing else");
  await waitForLine(child, /weather listening/, 20_000);
  return { child, url: `http://127.0.0.1:${port}` };
}

/** SIGTERM, then the exit code (bounded: the service closes within its grace period). */
async function stop(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null) return child.exitCode;
  const exited = once(child, "exit");
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
  const [code] = (await exited) as [number | null];
  clearTimeout(timer);
  return code;
}

describe("bundleService", () => {
  let scratch: string;
  let weather: BundleResult;
  const started: ChildProcess[] = [];

  before(async () => {
    await mkdir(SCRATCH, { recursive: true });
    scratch = await mkdtemp(join(SCRATCH, "test-"));
    weather = await bundleService({
      root: ROOT,
      serviceDir: join(ROOT, "services/weather"),
      entries: ["src/server.ts"],
      outDir: join(scratch, "weather"),
    });
  });

  after(async () => {
    for (const child of started) await stop(child);
    await rm(scratch, { recursive: true, force: true });
  });

  it("writes one bundle with its source map and the manifests, and keeps npm packages out of it", async () => {
    assert.deepEqual(weather.files, ["package-lock.json", "package.json", "server.js", "server.js.map"]);
    const code = await readFile(join(scratch, "weather/server.js"), "utf8");
    assert.doesNotMatch(code, /from\s*["'][^"']*\.ts["']/, "no TypeScript import is left for a loader to resolve");
    assert.doesNotMatch(code, /from\s*["']@jeeves\//, "the workspace packages are inside the bundle");
    assert.match(code, /from\s*["']fastify["']/, "npm packages are imported as they are");
    const manifest = JSON.parse(await readFile(join(scratch, "weather/package.json"), "utf8")) as {
      type: string;
      dependencies: Record<string, string>;
    };
    assert.equal(manifest.type, "module");
    assert.deepEqual(manifest.dependencies, weather.dependencies);
    assert.equal(manifest.dependencies.fastify, "5.12.8", "the exact version of the lockfile");
    for (const version of Object.values(manifest.dependencies)) assert.match(version, /^\d+\.\d+\.\d+/);
  });

  it("starts with plain node, answers GET /health, and closes on SIGTERM", async () => {
    const data = await mkdtemp(join(scratch, "data-"));
    const { child, url } = await startWeather(join(scratch, "weather"), data);
    started.push(child);
    const response = await fetch(`${url}/health`);
    assert.equal(response.status, 200);
    assert.equal(((await response.json()) as { service: string }).service, "weather");
    assert.equal(await stop(child), 0);
  });

  it("runs outside the checkout on exactly the packages of dist/package-lock.json", async () => {
    // What `npm ci --omit=dev` in dist/ installs, copied from the checkout: a package missing from the
    // lockfile's closure makes the start fail here, where no root node_modules is above.
    const lock = JSON.parse(await readFile(join(ROOT, "package-lock.json"), "utf8")) as Lockfile;
    const app = await mkdtemp(join(tmpdir(), "jeeves-bundle-"));
    try {
      for (const file of weather.files)
        await cp(join(scratch, "weather", file), join(app, file), { dereference: true });
      for (const [target, source] of weather.tree) {
        // An optional package for another platform (msgpackr-extract-darwin-arm64) is not in the checkout.
        if (!existsSync(join(ROOT, source))) {
          assert.ok(lock.packages[source]?.optional, `${source} is required but not installed`);
          continue;
        }
        await linkTree(join(ROOT, source), join(app, target));
      }
      const { child, url } = await startWeather(app, app);
      started.push(child);
      assert.equal((await fetch(`${url}/health`)).status, 200);
      assert.equal(await stop(child), 0);
    } finally {
      await rm(app, { recursive: true, force: true });
    }
  });

  it("leaves test tooling out of every service's production tree, in dist/ and in its package.json", async () => {
    const lock = JSON.parse(await readFile(join(ROOT, "package-lock.json"), "utf8")) as Lockfile;
    const found: string[] = [];
    for (const service of await bundledServices()) {
      const result =
        service.name === "weather"
          ? weather
          : await bundleService({
              root: ROOT,
              serviceDir: join(ROOT, "services", service.name),
              entries: service.entries,
              outDir: join(scratch, service.name),
            });
      const distLock = JSON.parse(await readFile(join(scratch, service.name, "package-lock.json"), "utf8")) as Lockfile;
      const installed = Object.keys(distLock.packages).filter(Boolean);
      assert.ok(installed.length > Object.keys(result.dependencies).length, `${service.name}: a closure, not a list`);
      for (const name of Object.keys(result.dependencies))
        assert.ok(installed.includes(`node_modules/${name}`), `${service.name}: ${name} is installed at the top`);
      for (const key of installed) {
        const name = nameAt(distLock, key);
        if (TEST_TOOLING.includes(name)) found.push(`services/${service.name}/dist: ${name}`);
      }
      const workspace = productionClosure(lock, [{ name: `@jeeves/${service.name}`, fromDir: "" }]);
      for (const key of workspace.packages.keys()) {
        const name = lock.packages[key]?.name ?? nameAt(lock, key);
        if (TEST_TOOLING.includes(name)) found.push(`services/${service.name}/package.json: ${name} (${key})`);
      }
    }
    assert.deepEqual(found, [], `test tooling in a production tree:\n${found.join("\n")}`);
  });
});
