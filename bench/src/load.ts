import { fileURLToPath } from "node:url";
import type { BenchContext } from "./figure.ts";
import { forgetGroup, killGroup, spawnPinned } from "./spawn-pinned.ts";

const RUNNER = fileURLToPath(new URL("./load-runner.ts", import.meta.url));

/** One load round: what autocannon sends, how long and over how many connections. */
export interface LoadOptions {
  url: string;
  method?: "GET" | "POST";
  headers?: Record<string, string>;
  body?: string;
  /** Replace `{{n}}` in `body` by a number unique to each request (POST /users needs a new email each time). */
  unique?: boolean;
  /** Seconds. */
  duration: number;
  connections: number;
}

/** What a load round measured. */
export interface LoadResult {
  /** Mean requests per second (autocannon's per-second samples). */
  rps: number;
  /** Latency in ms. */
  p50: number;
  p99: number;
  latencyMean: number;
  requests: number;
  /** Connection errors (timeouts included). */
  errors: number;
  timeouts: number;
  non2xx: number;
  statusCodes: Record<string, number>;
  bytesPerSecond: number;
}

/** A round that saw errors or non-2xx answers: the figure fails instead of counting it. */
export class LoadFailure extends Error {
  constructor(
    message: string,
    readonly result?: LoadResult,
  ) {
    super(message);
    this.name = "LoadFailure";
  }
}

/** Connections per load round: BENCH_CONNECTIONS, default 10. */
export function connectionsOf(context: BenchContext): number {
  const value = Number(context.env.BENCH_CONNECTIONS ?? 10);
  return Number.isInteger(value) && value > 0 ? value : 10;
}

/**
 * Runs one autocannon round in a process of its own pinned to `context.loadCpu` (never in the
 * benchmark's process, never on the server's CPU) and returns what it measured. Bounded: the process
 * is killed after the duration plus 60 s.
 */
export async function runLoad(context: BenchContext, options: LoadOptions): Promise<LoadResult> {
  const child = spawnPinned(context.loadCpu, process.execPath, ["--import", "tsx", RUNNER, JSON.stringify(options)], {
    pipeStdout: true,
  });
  let output = "";
  child.stdout?.setEncoding("utf8");
  child.stdout?.on("data", (chunk: string) => {
    output += chunk;
  });
  const timer = setTimeout(() => killGroup(child.pid ?? 0, "SIGKILL"), (options.duration + 60) * 1000);
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (exitCode) => resolve(exitCode));
  }).finally(() => {
    clearTimeout(timer);
    if (child.pid) forgetGroup(child.pid);
  });
  const line = output.trim().split("\n").pop() ?? "";
  if (code !== 0 || !line.startsWith("{")) {
    throw new LoadFailure(`autocannon on ${options.url} exited with ${code} and no result`);
  }
  return JSON.parse(line) as LoadResult;
}

/** Why a round does not count (errors, timeouts, non-2xx answers, no request at all), or undefined when it is clean. */
export function loadProblem(result: LoadResult): string | undefined {
  const problems: string[] = [];
  if (result.errors > 0) problems.push(`${result.errors} errors`);
  if (result.timeouts > 0) problems.push(`${result.timeouts} timeouts`);
  if (result.non2xx > 0) {
    const codes = Object.entries(result.statusCodes)
      .filter(([status]) => !status.startsWith("2"))
      .map(([status, count]) => `${count}×${status}`);
    problems.push(`${result.non2xx} non-2xx (${codes.join(", ")})`);
  }
  if (result.requests === 0) problems.push("no request answered");
  return problems.length > 0 ? problems.join(", ") : undefined;
}

/** Runs one round and fails (LoadFailure, naming `label`) when it saw any error or non-2xx answer. */
export async function runCleanLoad(context: BenchContext, label: string, options: LoadOptions): Promise<LoadResult> {
  const result = await runLoad(context, options);
  const problem = loadProblem(result);
  if (problem) throw new LoadFailure(`${label}: ${problem}`, result);
  return result;
}
