import { spawnSync } from "node:child_process";
import { type BenchArgs, parseBenchArgs, USAGE } from "./cli-args.ts";
import type { BenchContext, FigureResult, FigureSpec, Mode } from "./figure.ts";
import { FIGURES } from "./figures/index.ts";
import { connectionsOf } from "./load.ts";
import { machineInfo, pickCpus } from "./machine.ts";
import { type BenchRun, consoleTable } from "./report.ts";
import { closeAllTopologies } from "./topology.ts";
import { closeSharedTopologies } from "./topology-pool.ts";
import { LATEST_JSON, renderFromLatest, writeResults } from "./write-results.ts";

function fail(line: string): never {
  process.stderr.write(`bench: ${line}\n`);
  process.exit(2);
}

/** A figure that could not be measured (an error, or a round with errors or non-2xx answers): reported, never dropped. */
function failedResult(spec: FigureSpec, mode: Mode, error: unknown): FigureResult {
  const reason = error instanceof Error ? error.message.split("\n")[0] : String(error);
  return {
    id: spec.id,
    title: spec.title,
    mode,
    unit: "x",
    rounds: [],
    median: Number.NaN,
    spread: [Number.NaN, Number.NaN],
    skipped: `failed: ${reason}`,
    detail: { error: error instanceof Error ? (error.stack ?? error.message) : String(error) },
  };
}

/** The figures to run, in registry order: all, or the ones --only names (an unknown id is refused). */
function selectFigures(args: BenchArgs): FigureSpec[] {
  if (!args.only) return FIGURES;
  const known = new Set(FIGURES.map((spec) => spec.id));
  const unknown = args.only.filter((id) => !known.has(id));
  if (unknown.length > 0) fail(`unknown figure(s) ${unknown.join(", ")}; known: ${[...known].join(", ")}`);
  return FIGURES.filter((spec) => args.only?.includes(spec.id));
}

async function runFigures(args: BenchArgs, context: BenchContext): Promise<FigureResult[]> {
  const specs = selectFigures(args);
  const results: FigureResult[] = [];
  const runOne = async (spec: FigureSpec, mode: Mode) => {
    const started = Date.now();
    context.progress(`▶ ${spec.id} (${mode})`);
    try {
      const produced = await spec.run(context, mode);
      results.push(...produced);
      context.progress(`  done in ${Math.round((Date.now() - started) / 1000)} s`);
    } catch (error) {
      context.progress(`  FAILED: ${error instanceof Error ? error.message : String(error)}`);
      results.push(failedResult(spec, mode, error));
    }
  };
  for (const mode of args.modes) {
    for (const spec of specs.filter((entry) => entry.modes.includes(mode))) await runOne(spec, mode);
    await closeSharedTopologies();
  }
  for (const spec of specs.filter((entry) => entry.modes.includes("standalone"))) await runOne(spec, "standalone");
  return results;
}

async function main(): Promise<void> {
  let args: BenchArgs;
  try {
    args = parseBenchArgs(process.argv.slice(2));
  } catch (error) {
    fail(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
  }
  if (args.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  if (args.list) {
    for (const spec of FIGURES)
      process.stdout.write(`${spec.id.padEnd(22)} ${spec.modes.join(",").padEnd(22)} ${spec.title}\n`);
    return;
  }
  if (args.reportOnly) {
    await renderFromLatest();
    process.stdout.write(`bench: RESULTS.md and results/chart.svg re-rendered from ${LATEST_JSON}\n`);
    return;
  }
  let cpus: ReturnType<typeof pickCpus>;
  try {
    cpus = pickCpus(process.env);
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }
  // The benchmark's own process (the Slack mock, the load runners' parent) stays off the server's CPU.
  spawnSync("taskset", ["-a", "-p", "-c", String(cpus.loadCpu), String(process.pid)], { stdio: "ignore" });
  const context: BenchContext = {
    rounds: args.rounds,
    duration: args.duration,
    serverCpu: cpus.serverCpu,
    loadCpu: cpus.loadCpu,
    progress: (line) => process.stdout.write(`${line}\n`),
    env: process.env,
  };
  const stop = (signal: NodeJS.Signals) => {
    process.stderr.write(`bench: ${signal}, stopping the suites it started\n`);
    void closeAllTopologies().finally(() => process.exit(130));
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
  const date = new Date().toISOString();
  const machine = machineInfo(cpus.serverCpu, cpus.loadCpu);
  context.progress(
    `bench: ${machine.cpuModel} × ${machine.cores}, Node ${machine.node}; servers on CPU ${cpus.serverCpu}, load on CPU ${cpus.loadCpu}; ${args.rounds} rounds × ${args.duration} s; modes ${args.modes.join(", ")}`,
  );
  let results: FigureResult[];
  try {
    results = await runFigures(args, context);
  } finally {
    await closeSharedTopologies();
  }
  const lifecycle = process.env.npm_lifecycle_event === "bench" ? "npm run bench --" : "tsx src/main.ts";
  const run: BenchRun = {
    command: [lifecycle, ...process.argv.slice(2)].join(" "),
    date,
    machine,
    options: {
      rounds: args.rounds,
      duration: args.duration,
      modes: args.modes,
      only: args.only,
      connections: connectionsOf(context),
    },
    results,
  };
  process.stdout.write(`\n${consoleTable(results)}\n\n`);
  await writeResults(run);
  process.stdout.write(
    "bench: wrote results/latest.json, RESULTS.md and results/chart.svg (a shared machine is noisy: compare ratios of one run)\n",
  );
  if (results.some((result) => result.skipped)) process.exitCode = 1;
}

await main();
