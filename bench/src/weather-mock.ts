import type { ChildProcess } from "node:child_process";
import { join } from "node:path";
import { REPO_ROOT, spawnPinned } from "./spawn-pinned.ts";

/** The OpenWeatherMap subset spec the suite's demo mock serves. */
const OPENWEATHERMAP_SPEC = join(REPO_ROOT, "specs/openapi/external/openweathermap.yaml");
const PRISM_BIN = join(REPO_ROOT, "node_modules/.bin/prism");

/**
 * Starts the demo OpenWeatherMap mock for the separate-process topology, pinned to `cpu`, on `port`:
 * the same Prism mock the suite starts in one process (`services/suite/src/openweathermap-mock.ts`).
 * The only place that knows how the mock is started: a lighter mock replaces it here.
 */
export function startWeatherMock(
  cpu: number,
  port: number,
  env: Record<string, string | undefined>,
  logFile: string,
): { url: string; child: ChildProcess } {
  const child = spawnPinned(
    cpu,
    PRISM_BIN,
    ["mock", OPENWEATHERMAP_SPEC, "-h", "127.0.0.1", "-p", String(port), "--errors"],
    { env, logFile },
  );
  return { url: `http://127.0.0.1:${port}`, child };
}
