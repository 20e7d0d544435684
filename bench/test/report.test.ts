import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import {
  type BenchRun,
  chartSvg,
  consoleTable,
  formatValue,
  markdownTable,
  mergeResultsMarkdown,
  mergeRuns,
  RESULTS_END,
  RESULTS_START,
  resultsBlock,
  verdict,
} from "../src/report.ts";

const run = JSON.parse(readFileSync(new URL("./report.fixture.json", import.meta.url), "utf8")) as BenchRun;

test("formatValue: ratios with two decimals, ms rounded, MB with one decimal, null as a dash", () => {
  assert.equal(formatValue(0.6543, "ratio"), "0.65");
  assert.equal(formatValue(8500.4, "ms"), "8500 ms");
  assert.equal(formatValue(312.26, "MB"), "312.3 MB");
  assert.equal(formatValue(null, "ratio"), "—");
  assert.equal(formatValue(Number.NaN, "ms"), "—");
});

test("verdict: ✓ met, ✗ missed, – without a target, a failed figure with a target is a miss", () => {
  assert.deepEqual(run.results.map(verdict), ["✓", "✗", "–", "not measured"]);
  assert.equal(verdict({ ...run.results[3], target: { op: ">=", value: 0.6, text: "≥ 0.6" } }), "✗ (not measured)");
});

test("markdownTable: a header, a separator and one row per result; pipes in text are escaped", () => {
  assert.equal(
    markdownTable(run.results),
    [
      "| Figure | Mode | Median | Spread (min – max) | Target | Met |",
      "|---|---|---|---|---|---|",
      "| get-user-json | one-process | 0.65 | 0.61 – 0.70 | ≥ 0.6 | ✓ |",
      "| users-page-gzip-vs-plain | one-process | 0.45 | 0.40 – 0.50 | ≥ 0.6 | ✗ |",
      "| startup-first | one-process | 8500 ms | 8000 ms – 9100 ms |  | – |",
      "| create-user | separate | — | failed: create-user service round 2: 3 non-2xx (3×409) |  | not measured |",
    ].join("\n"),
  );
  const piped = markdownTable([{ ...run.results[0], id: "a|b" }]);
  assert.ok(piped.includes("| a\\|b |"));
});

test("consoleTable: columns padded to the widest cell", () => {
  const lines = consoleTable(run.results).split("\n");
  assert.equal(lines.length, 5);
  assert.ok(lines[0].startsWith("Figure                    Mode"));
  assert.ok(lines[1].startsWith("get-user-json             one-process  0.65"));
});

test("resultsBlock: between the markers, with command, machine, date, the table and the titles", () => {
  const block = resultsBlock(run);
  assert.ok(block.startsWith(RESULTS_START));
  assert.ok(block.endsWith(RESULTS_END));
  assert.ok(
    block.includes("- Command: `npm run bench -- --only get-user-json,startup-memory --rounds 3 --duration 5`"),
  );
  assert.ok(block.includes("- Date: 2026-01-02T03:04:05.000Z"));
  assert.ok(block.includes("- Machine: Test CPU <fixture> & co, 2 cores, 4096 MB, linux 6.0, Node v20.20.2"));
  assert.ok(block.includes("- Commit: 0123456789abcdef0123456789abcdef01234567"));
  assert.ok(block.includes(markdownTable(run.results)));
  assert.ok(block.includes("- `startup-first`: Start-up to ready, first start"));
});

test("mergeResultsMarkdown keeps the hand-written parts and replaces only the generated block", () => {
  const existing = `# Results\n\nintro\n\n${RESULTS_START}\nold table\n${RESULTS_END}\n\n## Findings\n\nkept by hand\n`;
  const merged = mergeResultsMarkdown(existing, `${RESULTS_START}\nnew\n${RESULTS_END}`);
  assert.equal(merged, `# Results\n\nintro\n\n${RESULTS_START}\nnew\n${RESULTS_END}\n\n## Findings\n\nkept by hand\n`);
});

test("mergeResultsMarkdown: a new file gets a findings section; a file without markers gets the block appended", () => {
  const block = `${RESULTS_START}\nnew\n${RESULTS_END}`;
  const fresh = mergeResultsMarkdown(undefined, block);
  assert.ok(fresh.startsWith("# Benchmark results"));
  assert.ok(fresh.indexOf(block) < fresh.indexOf("## Findings"));
  assert.equal(mergeResultsMarkdown("# Mine\n", block), `# Mine\n\n${block}\n`);
});

test("chartSvg: one row per result, bars coloured by verdict, the target dashed, text escaped", () => {
  const svg = chartSvg(run);
  assert.ok(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg" width="960" height="206"'));
  assert.ok(svg.trimEnd().endsWith("</svg>"));
  assert.ok(svg.includes("Test CPU &lt;fixture&gt; &amp; co"));
  assert.ok(!svg.includes("<fixture>"));
  // get-user-json: median 0.65 of a row scaled to 0.7 × 1.15, over 400 px from x = 330.
  assert.ok(svg.includes('<rect x="330" y="63" width="323.0" height="16" fill="#2e7d32"/>'));
  assert.ok(svg.includes('fill="#c62828"/>'));
  assert.ok(svg.includes('fill="#78909c"/>'));
  assert.equal((svg.match(/stroke-dasharray/g) ?? []).length, 2);
  assert.ok(svg.includes("not measured: failed: create-user service round 2"));
  assert.equal(chartSvg(run), svg);
});

test("mergeRuns: a run of --only figures replaces those (same id and mode) and keeps the others, saying from which run", () => {
  const full: BenchRun = { ...run, command: "npm run bench", options: { ...run.options, only: undefined } };
  const again = { ...run.results[0], median: 0.9, rounds: [0.9, 0.9, 0.9] };
  const partial: BenchRun = {
    ...run,
    command: "npm run bench -- --only get-user-json",
    date: "2026-12-07T00:00:00.000Z",
    options: { ...run.options, only: ["get-user-json"] },
    results: [again],
  };
  const merged = mergeRuns(full, partial);
  assert.equal(merged.results.length, run.results.length);
  assert.deepEqual(
    merged.results.filter((result) => result.id === again.id && result.mode === again.mode),
    [again],
    "the figure measured again replaces the old one",
  );
  assert.equal(merged.kept?.command, "npm run bench");
  assert.equal(merged.kept?.figures.length, run.results.length - 1);
  assert.match(resultsBlock(merged), /Kept from `npm run bench`/);
  assert.equal(mergeRuns(partial, full), full, "a full run replaces everything");
  assert.equal(mergeRuns(undefined, partial), partial);
});

test("mergeRuns: a figure that failed is replaced by its next run's results, which have other ids", () => {
  const failed = { ...run.results[3], id: "users-page", mode: "separate" as const, skipped: "tokendealer exited (1)" };
  const before: BenchRun = {
    ...run,
    command: "npm run bench",
    options: { ...run.options, only: undefined },
    results: [run.results[0], failed],
  };
  const measured = { ...run.results[1], id: "users-page-plain", mode: "separate" as const };
  const after: BenchRun = {
    ...run,
    command: "npm run bench -- --only users-page --mode separate",
    options: { ...run.options, modes: ["separate"], only: ["users-page"] },
    results: [measured],
  };
  const merged = mergeRuns(before, after);
  assert.deepEqual(merged.results, [run.results[0], measured], "the failure row is gone, the other figure kept");
  const otherMode = mergeRuns({ ...before, results: [{ ...failed, mode: "one-process" }] }, after);
  assert.equal(otherMode.results.length, 2, "a failure in a mode the run did not measure stays");
});
