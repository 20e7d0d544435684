import type { BenchContext, FigureResult, FigureSpec, Mode, Target } from "../figure.ts";
import { connectionsOf, runCleanLoad } from "../load.ts";
import { processName, pssKb, rssKb } from "../procs.ts";
import { makeScratch, removeScratch } from "../scratch.ts";
import { REPO_ROOT } from "../spawn-pinned.ts";
import { summarize } from "../stats.ts";
import { startTopology } from "../topology.ts";
import { closeSharedTopologies, suiteEnvOf } from "../topology-pool.ts";
import type { Topology } from "../topology-types.ts";
import { ensureUser } from "./dataservice-users.ts";

const WARM_START: Target = { op: "<", value: 5_000, text: "< 5 s" };
const MEMORY: Target = { op: "<", value: 400, text: "< 400 MB" };

/** One process's resident memory, and its proportional share of it (pages shared with others split). */
interface ProcessMemory {
  pid: number;
  name: string;
  rssMB: number;
  pssMB: number;
}

const toMB = (kb: number) => Math.round((kb / 1024) * 10) / 10;
const sumOf = (values: number[]) => Math.round(values.reduce((sum, value) => sum + value, 0) * 10) / 10;

/**
 * The resident memory (VmRSS) of every process of the topology and their sum in MB (`totalMB`, what the
 * target is about), and the sum of their proportional set sizes (`totalPssMB`: a page the processes share,
 * such as node's own code in each of them, counted once).
 */
export function memoryOf(topology: Topology): { totalMB: number; totalPssMB: number; processes: ProcessMemory[] } {
  const processes = topology.pids().map((pid) => ({
    pid,
    name: processName(pid, REPO_ROOT),
    rssMB: toMB(rssKb(pid)),
    pssMB: toMB(pssKb(pid)),
  }));
  return {
    totalMB: sumOf(processes.map((entry) => entry.rssMB)),
    totalPssMB: sumOf(processes.map((entry) => entry.pssMB)),
    processes,
  };
}

/** What one round measured. */
interface StartupRound {
  firstMs: number;
  warmMs: number;
  idle: ReturnType<typeof memoryOf>;
  loaded: ReturnType<typeof memoryOf>;
  loadRps: number;
}

async function startIn(context: BenchContext, mode: Exclude<Mode, "standalone">, dataDir: string) {
  return startTopology({
    mode,
    serverCpu: context.serverCpu,
    env: { ...suiteEnvOf(context), JEEVES_DATA_DIR: dataDir },
    progress: context.progress,
  });
}

/**
 * One round: a first start on a fresh data folder (keys, secrets, the admin are created), stopped; a
 * warm start on the same folder; memory right after it; a load round (GET /users/{id}); memory again.
 */
async function oneRound(
  context: BenchContext,
  mode: Exclude<Mode, "standalone">,
  round: number,
): Promise<StartupRound> {
  const dataDir = await makeScratch("jeeves-bench-startup-");
  try {
    const first = await startIn(context, mode, dataDir);
    const firstMs = first.startupMs;
    await first.close();
    const warm = await startIn(context, mode, dataDir);
    try {
      const idle = memoryOf(warm);
      const userId = await ensureUser(warm, "bench-memory@example.com", "Bench Memory");
      const token = await warm.token("dataservice", ["users:read"]);
      const load = await runCleanLoad(context, `memory load round ${round}`, {
        url: `${warm.urls.dataservice}/users/${userId}`,
        headers: { authorization: `Bearer ${token}`, accept: "application/json" },
        duration: context.duration,
        connections: connectionsOf(context),
      });
      const loaded = memoryOf(warm);
      context.progress(
        `  startup ${mode} round ${round}/${context.rounds}: first ${firstMs} ms, warm ${warm.startupMs} ms, RSS ${idle.totalMB} MB idle, ${loaded.totalMB} MB after ${Math.round(load.rps)} req/s (PSS ${idle.totalPssMB} / ${loaded.totalPssMB} MB)`,
      );
      return { firstMs, warmMs: warm.startupMs, idle, loaded, loadRps: load.rps };
    } finally {
      await warm.close();
    }
  } finally {
    await removeScratch(dataDir);
  }
}

/**
 * Start-up time to ready (spawn until every /ready answers 200), first start on a fresh data folder
 * and warm start on the same folder, and the summed resident memory of every process of the topology
 * right after start and after a load round. Stops the HTTP figures' shared topologies first, so that
 * nothing else of the benchmark runs on the server CPU meanwhile.
 */
export const startupMemory: FigureSpec = {
  id: "startup-memory",
  title: "Start-up time to ready and resident memory",
  modes: ["one-process", "separate"],
  async run(context, mode): Promise<FigureResult[]> {
    if (mode === "standalone") throw new Error("start-up needs a topology");
    await closeSharedTopologies();
    const rounds: StartupRound[] = [];
    for (let round = 1; round <= context.rounds; round++) rounds.push(await oneRound(context, mode, round));
    const memoryDetail = (pick: (entry: StartupRound) => ReturnType<typeof memoryOf>) => ({
      perRound: rounds.map((entry) => pick(entry)),
    });
    return [
      summarize({
        id: "startup-first",
        title: "Start-up to ready, first start (fresh data folder)",
        mode,
        unit: "ms",
        rounds: rounds.map((entry) => entry.firstMs),
      }),
      summarize({
        id: "startup-warm",
        title: "Start-up to ready, warm start (same data folder)",
        mode,
        unit: "ms",
        rounds: rounds.map((entry) => entry.warmMs),
        target: mode === "one-process" ? WARM_START : undefined,
      }),
      summarize({
        id: "memory-idle",
        title: "Resident memory of every process, right after start",
        mode,
        unit: "MB",
        rounds: rounds.map((entry) => entry.idle.totalMB),
        target: MEMORY,
        detail: memoryDetail((entry) => entry.idle),
      }),
      summarize({
        id: "memory-after-load",
        title: "Resident memory of every process, after a load round",
        mode,
        unit: "MB",
        rounds: rounds.map((entry) => entry.loaded.totalMB),
        target: MEMORY,
        detail: { ...memoryDetail((entry) => entry.loaded), loadRps: rounds.map((entry) => Math.round(entry.loadRps)) },
      }),
      summarize({
        id: "memory-after-load-pss",
        title: "Proportional memory (PSS) of every process, after a load round: shared pages counted once",
        mode,
        unit: "MB",
        rounds: rounds.map((entry) => entry.loaded.totalPssMB),
      }),
    ];
  },
};
