import type { FigureResult, Unit } from "./figure.ts";

/** The markers around the generated part of bench/RESULTS.md; everything outside them is hand-written and kept. */
export const RESULTS_START = "<!-- results:start -->";
export const RESULTS_END = "<!-- results:end -->";

/** The machine a run measured on. */
export interface MachineInfo {
  cpuModel: string;
  cores: number;
  node: string;
  platform: string;
  totalMemoryMB: number;
  gitCommit: string;
  serverCpu: number;
  loadCpu: number;
}

/** One run of `npm run bench`, as bench/results/latest.json holds it. */
export interface BenchRun {
  command: string;
  /** ISO date of the start of the run. */
  date: string;
  machine: MachineInfo;
  options: { rounds: number; duration: number; modes: string[]; only?: string[]; connections: number };
  results: FigureResult[];
  /** A run with `--only` keeps the other figures of the run before it: which ones, and from which run. */
  kept?: { command: string; date: string; commit: string; figures: string[] };
}

/**
 * The run `next` (of `--only` figures) with the results of `previous` it did not measure again: a
 * result is replaced by the same result id in the same mode. A figure that could not be measured has
 * one result under the figure's own id (`users-page`, not `users-page-plain`…): it goes too when
 * `next` ran that figure in that mode again, whatever it measured.
 */
export function mergeRuns(previous: BenchRun | undefined, next: BenchRun): BenchRun {
  if (!previous || !next.options.only) return next;
  const measured = new Set(next.results.map((result) => `${result.id}|${result.mode}`));
  const rerun = new Set(next.options.only);
  const modes = new Set([...next.options.modes, ...next.results.map((result) => result.mode)]);
  const replaced = (result: FigureResult) =>
    measured.has(`${result.id}|${result.mode}`) ||
    (result.skipped !== undefined && rerun.has(result.id) && modes.has(result.mode));
  const kept = previous.results.filter((result) => !replaced(result));
  if (kept.length === 0) return next;
  const earlier = previous.kept && previous.kept.figures.length > 0 ? previous.kept : undefined;
  return {
    ...next,
    results: [...kept, ...next.results],
    kept: {
      command: earlier?.command ?? previous.command,
      date: earlier?.date ?? previous.date,
      commit: earlier?.commit ?? previous.machine.gitCommit,
      figures: kept.map((result) => `${result.id} (${result.mode})`),
    },
  };
}

/** A value in its unit, as the tables show it (JSON turns NaN into null: shown as "—"). */
export function formatValue(value: number | null | undefined, unit: Unit): string {
  if (typeof value !== "number" || !Number.isFinite(value)) return "—";
  switch (unit) {
    case "ratio":
    case "x":
      return value.toFixed(2);
    case "ms":
      return `${Math.round(value)} ms`;
    case "MB":
      return `${value.toFixed(1)} MB`;
    case "s":
      return `${value.toFixed(2)} s`;
    default:
      return `${Math.round(value)} ${unit}`;
  }
}

/** Whether a result met its target: ✓, ✗, "failed" (not measured), or "–" without a target. */
export function verdict(result: FigureResult): string {
  if (result.skipped) return result.target ? "✗ (not measured)" : "not measured";
  if (!result.target) return "–";
  return result.met ? "✓" : "✗";
}

/** The rows every table shows: figure, mode, median, spread, target, met. */
export function tableRows(results: readonly FigureResult[]): string[][] {
  return results.map((result) => [
    result.id,
    result.mode,
    formatValue(result.median, result.unit),
    result.skipped
      ? result.skipped
      : `${formatValue(result.spread?.[0], result.unit)} – ${formatValue(result.spread?.[1], result.unit)}`,
    result.target?.text ?? "",
    verdict(result),
  ]);
}

const HEADER = ["Figure", "Mode", "Median", "Spread (min – max)", "Target", "Met"];

function escapeCell(text: string): string {
  return text.replaceAll("|", "\\|").replaceAll("\n", " ");
}

/** The results as a markdown table. */
export function markdownTable(results: readonly FigureResult[]): string {
  const lines = [`| ${HEADER.join(" | ")} |`, `|${HEADER.map(() => "---").join("|")}|`];
  for (const row of tableRows(results)) lines.push(`| ${row.map(escapeCell).join(" | ")} |`);
  return lines.join("\n");
}

/** The results as a plain-text table for the terminal (columns padded). */
export function consoleTable(results: readonly FigureResult[]): string {
  const rows = [HEADER, ...tableRows(results)];
  const widths = HEADER.map((_, column) => Math.max(...rows.map((row) => [...row[column]].length)));
  return rows
    .map((row) => row.map((cell, column) => cell + " ".repeat(widths[column] - [...cell].length)).join("  "))
    .join("\n");
}

/** The generated part of RESULTS.md: command, machine, date, the table, each figure's title. */
export function resultsBlock(run: BenchRun): string {
  const machine = run.machine;
  const titles = [...new Map(run.results.map((result) => [result.id, result.title])).entries()];
  return [
    RESULTS_START,
    "<!-- Generated by `npm run bench` from bench/results/latest.json: edits here are overwritten. -->",
    "",
    `- Command: \`${run.command}\``,
    `- Date: ${run.date}`,
    `- Machine: ${machine.cpuModel}, ${machine.cores} cores, ${machine.totalMemoryMB} MB, ${machine.platform}, Node ${machine.node}`,
    `- Pinning: servers on CPU ${machine.serverCpu}, load generator on CPU ${machine.loadCpu}`,
    `- Commit: ${machine.gitCommit}`,
    `- Rounds: ${run.options.rounds} × ${run.options.duration} s, ${run.options.connections} connections, modes ${run.options.modes.join(", ")}`,
    ...(run.kept
      ? [
          `- Kept from \`${run.kept.command}\` (${run.kept.date}, commit ${run.kept.commit}): ${run.kept.figures.join(", ")}`,
        ]
      : []),
    "",
    markdownTable(run.results),
    "",
    ...titles.map(([id, title]) => `- \`${id}\`: ${title}`),
    "",
    "![chart](results/chart.svg)",
    RESULTS_END,
  ].join("\n");
}

/** The hand-written frame of a new RESULTS.md. */
export function newResultsMarkdown(block: string): string {
  return [
    "# Benchmark results",
    "",
    "Written by `npm run bench` (see [README.md](README.md)). The block between the `results` markers is",
    "regenerated on every run from `results/latest.json`; everything outside it is hand-written and kept.",
    "",
    block,
    "",
    "## Findings",
    "",
    "_Hand-written: what the numbers say, what changed since the last run, what to look at next._",
    "",
  ].join("\n");
}

/** RESULTS.md with its generated block replaced by `block` (a new file when there is none, or no markers yet). */
export function mergeResultsMarkdown(existing: string | undefined, block: string): string {
  if (existing === undefined) return newResultsMarkdown(block);
  const start = existing.indexOf(RESULTS_START);
  const end = existing.indexOf(RESULTS_END, start);
  if (start < 0 || end < 0) return `${existing.trimEnd()}\n\n${block}\n`;
  return `${existing.slice(0, start)}${block}${existing.slice(end + RESULTS_END.length)}`;
}

function escapeXml(text: string): string {
  return text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;").replaceAll('"', "&quot;");
}

const CHART = { width: 960, row: 30, top: 56, label: 330, bar: 400 } as const;

function finite(value: number | null | undefined): value is number {
  return typeof value === "number" && Number.isFinite(value);
}

/**
 * A bar chart of the run (no dependency): one row per figure and mode, the bar its median, the thin
 * line its spread, the dashed mark its target; each row on its own scale (units differ). Green: target
 * met; red: missed or not measured; grey: no target.
 */
export function chartSvg(run: BenchRun): string {
  const height = CHART.top + run.results.length * CHART.row + 30;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${CHART.width}" height="${height}" viewBox="0 0 ${CHART.width} ${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="${CHART.width}" height="${height}" fill="#ffffff"/>`,
    `<text x="10" y="22" font-size="15" font-weight="bold">${escapeXml(`Jeeves benchmark, ${run.date.slice(0, 10)}`)}</text>`,
    `<text x="10" y="40" fill="#555">${escapeXml(`${run.machine.cpuModel}, ${run.machine.cores} cores, Node ${run.machine.node}; bar: median, line: spread, dashed: target; each row on its own scale`)}</text>`,
  ];
  run.results.forEach((result, index) => {
    const y = CHART.top + index * CHART.row;
    const middle = y + CHART.row / 2;
    const label = `${result.id} (${result.mode})`;
    parts.push(`<text x="10" y="${middle + 4}">${escapeXml(label)}</text>`);
    const x0 = CHART.label;
    const values = [result.median, ...(result.spread ?? []), result.target?.value].filter(finite);
    if (result.skipped || !finite(result.median)) {
      parts.push(
        `<text x="${x0}" y="${middle + 4}" fill="#c62828">${escapeXml(`not measured: ${result.skipped ?? "no value"}`.slice(0, 90))}</text>`,
      );
      return;
    }
    const max = Math.max(...values) * 1.15 || 1;
    const scale = (value: number) => x0 + (Math.max(0, value) / max) * CHART.bar;
    const color = !result.target ? "#78909c" : result.met ? "#2e7d32" : "#c62828";
    parts.push(
      `<rect x="${x0}" y="${y + 7}" width="${(scale(result.median) - x0).toFixed(1)}" height="${CHART.row - 14}" fill="${color}"/>`,
    );
    const [low, high] = result.spread ?? [];
    if (finite(low) && finite(high)) {
      parts.push(
        `<line x1="${scale(low).toFixed(1)}" y1="${middle}" x2="${scale(high).toFixed(1)}" y2="${middle}" stroke="#212121" stroke-width="2"/>`,
      );
    }
    if (result.target) {
      const tx = scale(result.target.value).toFixed(1);
      parts.push(
        `<line x1="${tx}" y1="${y + 3}" x2="${tx}" y2="${y + CHART.row - 3}" stroke="#000" stroke-dasharray="3,2"/>`,
      );
    }
    const text = `${formatValue(result.median, result.unit)}${result.unit === "ratio" ? " ×" : ""}${result.target ? ` (target ${result.target.text}) ${verdict(result)}` : ""}`;
    parts.push(`<text x="${x0 + CHART.bar + 12}" y="${middle + 4}">${escapeXml(text)}</text>`);
  });
  parts.push("</svg>");
  return `${parts.join("\n")}\n`;
}
