import { execFileSync } from "node:child_process";
import { cpus, platform, release, totalmem } from "node:os";
import type { MachineInfo } from "./report.ts";
import { REPO_ROOT } from "./spawn-pinned.ts";

/** The current commit (with `+dirty` when the work tree has changes), or "unknown" outside git. */
function gitCommit(): string {
  try {
    const commit = execFileSync("git", ["rev-parse", "HEAD"], {
      cwd: REPO_ROOT,
      encoding: "utf8",
      timeout: 10_000,
    }).trim();
    const dirty = execFileSync("git", ["status", "--porcelain", "--untracked-files=no"], {
      cwd: REPO_ROOT,
      encoding: "utf8",
      timeout: 10_000,
    }).trim();
    return dirty ? `${commit}+dirty` : commit;
  } catch {
    return "unknown";
  }
}

/** What the results say about the machine: CPU model, cores, memory, OS, Node, commit, pinning. */
export function machineInfo(serverCpu: number, loadCpu: number): MachineInfo {
  const list = cpus();
  return {
    cpuModel: list[0]?.model.trim() ?? "unknown",
    cores: list.length,
    node: process.version,
    platform: `${platform()} ${release()}`,
    totalMemoryMB: Math.round(totalmem() / 1024 / 1024),
    gitCommit: gitCommit(),
    serverCpu,
    loadCpu,
  };
}

/** The server and load CPUs: BENCH_SERVER_CPU / BENCH_LOAD_CPU, default 0 and 1; an Error when they cannot be two distinct CPUs. */
export function pickCpus(env: Record<string, string | undefined>): { serverCpu: number; loadCpu: number } {
  const count = cpus().length;
  const serverCpu = Number(env.BENCH_SERVER_CPU ?? 0);
  const loadCpu = Number(env.BENCH_LOAD_CPU ?? 1);
  for (const [name, cpu] of [
    ["BENCH_SERVER_CPU", serverCpu],
    ["BENCH_LOAD_CPU", loadCpu],
  ] as const) {
    if (!Number.isInteger(cpu) || cpu < 0 || cpu >= count) {
      throw new Error(`${name}=${cpu}: this machine has CPUs 0–${count - 1}`);
    }
  }
  if (count < 2 && env.BENCH_SERVER_CPU === undefined) {
    throw new Error(
      "the benchmark pins the servers and the load generator to two different CPUs, and this machine has one (set BENCH_SERVER_CPU and BENCH_LOAD_CPU to run anyway)",
    );
  }
  if (serverCpu === loadCpu && count >= 2) throw new Error("BENCH_SERVER_CPU and BENCH_LOAD_CPU must differ");
  return { serverCpu, loadCpu };
}
