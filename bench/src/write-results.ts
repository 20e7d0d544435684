import { mkdir, readFile, writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { type BenchRun, chartSvg, mergeResultsMarkdown, mergeRuns, resultsBlock } from "./report.ts";

const BENCH_ROOT = fileURLToPath(new URL("../", import.meta.url));
/** Where a run's raw results go. */
export const LATEST_JSON = `${BENCH_ROOT}results/latest.json`;
const CHART_SVG = `${BENCH_ROOT}results/chart.svg`;
const RESULTS_MD = `${BENCH_ROOT}RESULTS.md`;

/**
 * Writes results/latest.json (a run with `--only` replaces only its own figures and keeps the others
 * of the run before, saying so), then renders RESULTS.md (its generated block) and results/chart.svg
 * from that JSON.
 */
export async function writeResults(run: BenchRun): Promise<void> {
  await mkdir(`${BENCH_ROOT}results`, { recursive: true });
  const previous = await readFile(LATEST_JSON, "utf8")
    .then((text) => JSON.parse(text) as BenchRun)
    .catch(() => undefined);
  await writeFile(LATEST_JSON, `${JSON.stringify(mergeRuns(previous, run), null, 2)}\n`);
  await renderFromLatest();
}

/** Renders RESULTS.md and results/chart.svg from results/latest.json (the raw JSON is the single source). */
export async function renderFromLatest(): Promise<void> {
  const run = JSON.parse(await readFile(LATEST_JSON, "utf8")) as BenchRun;
  const existing = await readFile(RESULTS_MD, "utf8").catch(() => undefined);
  await writeFile(RESULTS_MD, mergeResultsMarkdown(existing, resultsBlock(run)));
  await writeFile(CHART_SVG, chartSvg(run));
}
