import type { BenchContext, Mode } from "./figure.ts";
import { startTopology } from "./topology.ts";
import type { Topology } from "./topology-types.ts";

type TopologyMode = Exclude<Mode, "standalone">;
const pool = new Map<TopologyMode, Promise<Topology>>();

/**
 * The environment a topology of the benchmark gets beyond the embedded defaults: every
 * `BENCH_SUITE_<NAME>` variable as `<NAME>` (say `BENCH_SUITE_LOG_LEVEL=warn` or
 * `BENCH_SUITE_DATABASE_URL=…`); nothing else of the benchmark's environment reaches the suite.
 */
export function suiteEnvOf(context: BenchContext): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(context.env)) {
    if (name.startsWith("BENCH_SUITE_") && value !== undefined) env[name.slice("BENCH_SUITE_".length)] = value;
  }
  return env;
}

/**
 * The topology the HTTP figures of one mode share (started on first use, pinned to the server CPU):
 * starting the suite once per mode, not once per figure. `closeSharedTopologies` stops them.
 */
export function sharedTopology(context: BenchContext, mode: TopologyMode): Promise<Topology> {
  let topology = pool.get(mode);
  if (!topology) {
    context.progress(`  starting the ${mode} topology (shared by the HTTP figures)`);
    topology = startTopology({
      mode,
      serverCpu: context.serverCpu,
      env: suiteEnvOf(context),
      progress: context.progress,
    });
    topology.then(
      (running) => context.progress(`  ${mode} topology ready in ${(running.startupMs / 1000).toFixed(1)} s`),
      () => {},
    );
    pool.set(mode, topology);
  }
  return topology;
}

/** Stops every shared topology (after a mode's figures, and when the benchmark ends or is interrupted). */
export async function closeSharedTopologies(): Promise<void> {
  const running = [...pool.values()];
  pool.clear();
  for (const topology of running) {
    await topology.then((started) => started.close()).catch(() => {});
  }
}
