/** HTTP load from a separate process pinned to the load CPU (autocannon in autocannon-worker.ts). */
import { fileURLToPath } from "node:url";
import { startPinned } from "./pinned-process.ts";

/** What the worker runs. */
export interface LoadConfig {
  url: string;
  connections: number;
  /** Seconds. */
  duration: number;
  headers?: Record<string, string>;
  /** A file of request paths, one a line: each request takes a random one (instead of `url`'s path). */
  pathsFile?: string;
}

/** What one load run measured. */
export interface LoadResult {
  requestsPerSec: number;
  total: number;
  p50Ms: number;
  p99Ms: number;
  non2xx: number;
  errors: number;
  timeouts: number;
}

const WORKER = fileURLToPath(new URL("./autocannon-worker.ts", import.meta.url));

/** Runs `config` from a process pinned to `cpu`; throws when it fails or a response was not 2xx. */
export async function runLoad(cpu: number, config: LoadConfig): Promise<LoadResult> {
  let result: LoadResult | undefined;
  const worker = startPinned(cpu, WORKER, {
    args: [JSON.stringify(config)],
    onLine(line) {
      if (line.startsWith("{")) result = JSON.parse(line) as LoadResult;
    },
  });
  const timeout = setTimeout(() => worker.child.kill("SIGKILL"), (config.duration + 60) * 1000);
  const code = await worker.exited;
  clearTimeout(timeout);
  if (code !== 0 || !result) throw new Error(`the load worker failed (exit ${code}):\n${worker.tail()}`);
  if (result.non2xx > 0 || result.errors > 0) {
    throw new Error(`load on ${config.url}: ${result.non2xx} non-2xx answers, ${result.errors} errors`);
  }
  return result;
}
