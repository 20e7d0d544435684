import type { ChildProcess } from "node:child_process";
import { join } from "node:path";
import { REPO_ROOT, spawnPinned } from "./spawn-pinned.ts";

/** The suite's built entry that runs its demo mock in a process of its own (`npm run bench` builds it). */
const MOCK_SCRIPT = join(REPO_ROOT, "services/suite/dist/openweathermap-mock-main.js");

/**
 * Starts the demo OpenWeatherMap mock for the separate-process topology, pinned to `cpu`, on `port`:
 * the same mock the suite runs in its own process (`services/suite/src/openweathermap-mock.ts`).
 * The only place that knows how the mock is started: a lighter mock replaces it here.
 */
export function startWeatherMock(
  cpu: number,
  port: number,
  env: Record<string, string | undefined>,
  logFile: string,
): { url: string; child: ChildProcess } {
  const child = spawnPinned(cpu, process.execPath, [MOCK_SCRIPT], {
    env: { ...env, OPENWEATHER_MOCK_PORT: String(port) },
    logFile,
  });
  return { url: `http://127.0.0.1:${port}`, child };
}
