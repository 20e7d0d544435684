import { spawn } from "node:child_process";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** The page's Vite project (its root): services/dashboard/web (found like DEFAULT_STATIC_DIR). */
export const WEB_DIR = fileURLToPath(new URL("../../dashboard/web/", import.meta.url));

/**
 * Where the page stands: `no-sources` (no Vite project, nothing to build), `missing` (never built),
 * `stale` (a source changed after the last build) or `fresh`.
 */
export type PageBuildState = "no-sources" | "missing" | "stale" | "fresh";

/** Folders of the Vite project that are not its sources. */
const NOT_SOURCES = new Set(["dist", "node_modules"]);

function mtimeOf(path: string): number | undefined {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return undefined;
  }
}

/** The newest modification time of the project's sources (dot files, `dist` and `node_modules` aside). */
function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith(".") || NOT_SOURCES.has(entry.name)) continue;
    const path = join(dir, entry.name);
    const time = entry.isDirectory() ? newestSource(path) : (mtimeOf(path) ?? 0);
    if (time > newest) newest = time;
  }
  return newest;
}

/** Where the page of `webDir` stands (see {@link PageBuildState}); its output is `<webDir>/dist`. */
export function pageBuildState(webDir: string = WEB_DIR): PageBuildState {
  if (mtimeOf(join(webDir, "index.html")) === undefined) return "no-sources";
  const built = mtimeOf(join(webDir, "dist", "index.html"));
  if (built === undefined) return "missing";
  return newestSource(webDir) > built ? "stale" : "fresh";
}

/** The path of Vite's command line, as the dashboard's workspace has it installed; undefined without Vite. */
function viteBin(webDir: string): string | undefined {
  try {
    const require = createRequire(join(dirname(webDir), "package.json"));
    const manifest = require.resolve("vite/package.json");
    const { bin } = JSON.parse(readFileSync(manifest, "utf8")) as { bin?: string | Record<string, string> };
    const relative = typeof bin === "string" ? bin : bin?.vite;
    return relative ? join(dirname(manifest), relative) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Builds the page: `vite build <webDir>` (its config is the project's own; the output `<webDir>/dist`), in
 * a child process with its output passed through to `output` (default ignored). Rejects when Vite is not
 * installed or the build fails.
 */
export function buildPage(webDir: string = WEB_DIR, output: "inherit" | "ignore" = "ignore"): Promise<void> {
  const bin = viteBin(webDir);
  if (!bin) return Promise.reject(new Error("vite is not installed in the dashboard's workspace (npm ci)"));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, "build", webDir], {
      cwd: dirname(webDir),
      stdio: ["ignore", output, output],
    });
    child.once("error", reject);
    child.once("exit", (code, signal) => {
      if (code === 0) resolve();
      else reject(new Error(`vite build ${webDir} failed (${signal ?? `exit code ${code}`})`));
    });
  });
}
