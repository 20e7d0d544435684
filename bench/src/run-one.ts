/**
 * Runs one figure on its own, outside `main.ts`: `npx tsx bench/src/run-one.ts <figure file>` (or run the
 * figure file itself). Prints progress lines and the results as JSON; BENCH_ROUNDS and BENCH_DURATION
 * override the rounds (at least 3) and the seconds per load round, BENCH_SERVER_CPU / BENCH_LOAD_CPU the CPUs.
 */
import { pathToFileURL } from "node:url";
import type { BenchContext, FigureSpec } from "./figure.ts";

/** The context `main.ts` would give, from the environment. */
export function contextFromEnv(env: Record<string, string | undefined> = process.env): BenchContext {
  return {
    rounds: Math.max(3, Number(env.BENCH_ROUNDS) || 3),
    duration: Number(env.BENCH_DURATION) || 5,
    serverCpu: Number(env.BENCH_SERVER_CPU ?? 0),
    loadCpu: Number(env.BENCH_LOAD_CPU ?? 1),
    progress: (line) => process.stderr.write(`${line}\n`),
    env,
  };
}

/** Runs every mode of `figure` and prints its results as JSON on stdout. */
export async function runOne(figure: FigureSpec): Promise<void> {
  const context = contextFromEnv();
  const results = [];
  for (const mode of figure.modes) results.push(...(await figure.run(context, mode)));
  process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const file = process.argv[2];
  if (!file) throw new Error("usage: tsx bench/src/run-one.ts <figure file>");
  const module = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  const figure = Object.values(module).find(
    (value): value is FigureSpec => typeof value === "object" && value !== null && "run" in value && "modes" in value,
  );
  if (!figure) throw new Error(`${file} exports no FigureSpec`);
  await runOne(figure);
}
