#!/usr/bin/env node
// `npm start`: the suite from its bundle (dist/main.js, plain JavaScript: no TypeScript loader, about half
// the start-up time and less memory than `node --import tsx src/main.ts`), bundled again first when it is
// missing or any source of the checkout is newer than it. Plain JavaScript itself: it runs before any build.
import { spawnSync } from "node:child_process";
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const SUITE = fileURLToPath(new URL("..", import.meta.url));
const ROOT = join(SUITE, "..", "..");
const BUNDLE = join(SUITE, "dist", "main.js");
/** What the bundle is made of: every workspace's sources, the generated code, the specs, the lockfile. */
const SOURCES = ["packages", "services", "generated", "specs", "package.json", "package-lock.json"];
/** Folders that hold no source of the bundle (the dashboard's page is built on its own by main.ts). */
const NOT_SOURCES = new Set(["node_modules", "dist", "coverage", ".turbo", "test-output", "web"]);

/** The newest modification time (ms) of the files at `path`, at any depth, the folders above excepted. */
export function newestSource(path) {
  let stat;
  try {
    stat = statSync(path);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(path, { withFileTypes: true })) {
    if (entry.isDirectory() && NOT_SOURCES.has(entry.name)) continue;
    newest = Math.max(newest, newestSource(join(path, entry.name)));
  }
  return newest;
}

/** Why the bundle must be made again (`missing`, `stale`), or undefined when it is up to date. */
export function bundleState(root = ROOT, bundle = BUNDLE) {
  let built;
  try {
    built = statSync(bundle).mtimeMs;
  } catch {
    return "missing";
  }
  return Math.max(...SOURCES.map((source) => newestSource(join(root, source)))) > built ? "stale" : undefined;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const state = bundleState();
  if (state) {
    const why = state === "missing" ? "not built yet" : "a source changed";
    process.stderr.write(`jeeves: bundling the suite (${why}): services/suite/dist/main.js …\n`);
    const started = Date.now();
    // The suite's own build script (its entries, written once in its package.json).
    const built = spawnSync("npm", ["run", "--silent", "build"], {
      cwd: SUITE,
      stdio: ["ignore", "ignore", "inherit"],
    });
    if (built.status !== 0) {
      process.stderr.write("jeeves: could not start: the suite could not be bundled (the lines above say why)\n");
      process.exit(1);
    }
    process.stderr.write(`jeeves: bundled (${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
  }
  await import(pathToFileURL(BUNDLE).href);
}
