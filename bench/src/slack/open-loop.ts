import { spawn } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { percentile } from "../stats.ts";
import type { OpenLoopConfig, OpenLoopOutcome } from "./open-loop-types.ts";

export type { OpenLoopConfig, OpenLoopOutcome, OpenLoopRequests } from "./open-loop-types.ts";

const WORKER = fileURLToPath(new URL("./open-loop-worker.ts", import.meta.url));
/** The bench workspace: `--import tsx` resolves from here. */
const BENCH_DIR = join(dirname(WORKER), "..", "..");

/**
 * Runs one open-loop load: a separate Node process pinned to `loadCpu` (`taskset -c`) sends
 * `config.rate` requests per second for `config.durationSeconds`, each at its due time whatever the
 * earlier ones are doing, and reports every request's latency from its due time (see
 * open-loop-worker.ts). Bounded: the process is killed (and this rejects) if it has not reported
 * within the duration, the request time limit and 60 s to start and build its requests.
 */
export function runOpenLoop(config: OpenLoopConfig, loadCpu: number): Promise<OpenLoopOutcome> {
  const limitMs = config.durationSeconds * 1000 + (config.timeoutMs ?? 10_000) + 60_000;
  return new Promise((resolve, reject) => {
    const child = spawn("taskset", ["-c", String(loadCpu), process.execPath, "--import", "tsx", WORKER], {
      cwd: BENCH_DIR,
      stdio: ["pipe", "pipe", "pipe"],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => out.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => err.push(chunk));
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`the open-loop load process did not finish within ${limitMs} ms`));
    }, limitMs);
    child.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      if (code !== 0) {
        reject(
          new Error(`the open-loop load process exited with ${code}: ${Buffer.concat(err).toString("utf8").trim()}`),
        );
        return;
      }
      try {
        resolve(JSON.parse(Buffer.concat(out).toString("utf8")) as OpenLoopOutcome);
      } catch (error) {
        reject(new Error(`the open-loop load process reported no JSON: ${(error as Error).message}`));
      }
    });
    child.stdin.end(JSON.stringify(config));
  });
}

/** p50, p99 and max of a set of latencies (ms); NaN for none. */
export interface LatencySummary {
  p50: number;
  p99: number;
  max: number;
}

/** Summarises latencies (nearest-rank percentiles, as stats.percentile). */
export function latencySummary(values: readonly number[]): LatencySummary {
  return {
    p50: percentile(values, 50),
    p99: percentile(values, 99),
    max: values.length === 0 ? Number.NaN : values.reduce((a, b) => Math.max(a, b), Number.NEGATIVE_INFINITY),
  };
}
