import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import type { DreddHooks } from "./hooks/dredd-api.ts";
import { type HookContext, registerHooks, type TransactionResult } from "./hooks/register-hooks.ts";
import { buildPlan, type PlannedTransaction } from "./plan.ts";
import type { ProviderSession } from "./providers/types.ts";
import type { SkipRule } from "./skip-list.ts";

const require = createRequire(import.meta.url);

/** The hook file Dredd loads; it hands Dredd's hooks API to the run in progress. */
const HOOKFILE = fileURLToPath(new URL("./hooks/hookfile.cjs", import.meta.url));
const REGISTRAR = Symbol.for("jeeves.dredd.registerHooks");

/** What one Dredd run verifies. */
export interface DreddRunOptions {
  /** The provider's name (its section of the skip list, and the output). */
  name: string;
  /** The provider's OpenAPI document, parsed. */
  spec: Record<string, unknown>;
  /** The running provider. */
  session: ProviderSession;
  /** Its section of the reviewed skip list. */
  skips: readonly SkipRule[];
  /** Only plan these transactions (default: every operation × status × media type × variant). */
  select?(transaction: PlannedTransaction): boolean;
  /** Dredd's reporter; default `dot` (a character per transaction, failures in full at the end). */
  reporter?: string;
  /** Print the summary (default true). */
  print?: boolean;
}

/** What a Dredd run found. `ok` only when every planned transaction passed or was skipped by the list. */
export interface DreddReport {
  name: string;
  ok: boolean;
  planned: number;
  /** Transactions whose request was made (passed, failed or errored). */
  ran: number;
  passed: number;
  failed: number;
  /** Requests Dredd could not make at all. */
  errors: number;
  skipped: number;
  /** Responses that came gzip-compressed. */
  gzipResponses: number;
  durationMs: number;
  results: TransactionResult[];
  /** Failed and errored transactions with their messages. */
  failures: TransactionResult[];
  /** What else makes the run fail: unreviewed skips, planned transactions Dredd did not run, stale list entries. */
  problems: string[];
  /** Dredd's own counts, as it reports them. */
  dreddStats: Record<string, number>;
}

interface DreddInstance {
  run(callback: (error: Error | null, stats: Record<string, number>) => void): void;
}
type DreddClass = new (config: Record<string, unknown>) => DreddInstance;

/** Dredd shares global loggers and the hook registrar: one run at a time per process. */
let queue: Promise<unknown> = Promise.resolve();

function summarise(
  options: DreddRunOptions,
  context: HookContext,
  planned: PlannedTransaction[],
  everything: PlannedTransaction[],
  started: number,
) {
  const { results } = context;
  const count = (status: TransactionResult["status"]) => results.filter((r) => r.status === status).length;
  const problems: string[] = [];
  if (!context.registered) problems.push("Dredd did not load the hooks (see its warning above)");
  const seen = new Set(results.map((r) => r.name));
  for (const transaction of planned) {
    if (!seen.has(transaction.name)) problems.push(`planned but not run by Dredd: ${transaction.name}`);
  }
  for (const result of results) {
    if (result.status === "skip" && !result.skipReason)
      problems.push(`skipped without a reviewed reason: ${result.name}`);
  }
  for (const rule of options.skips) {
    if (!everything.some((t) => rule.matches(t.name))) {
      problems.push(`dredd-skips.yaml: ${options.name} › ${rule.key} matches no transaction (remove it)`);
    }
  }
  const failures = results.filter((r) => r.status === "fail" || r.status === "error");
  const report = {
    name: options.name,
    planned: planned.length,
    ran: count("pass") + count("fail") + count("error"),
    passed: count("pass"),
    failed: count("fail"),
    errors: count("error"),
    skipped: count("skip"),
    gzipResponses: context.gzipResponses,
    durationMs: Date.now() - started,
    results,
    failures,
    problems,
  };
  return { ...report, ok: failures.length === 0 && problems.length === 0 && results.length > 0 };
}

/** The report as lines: the counts, then every failure and problem. */
export function formatReport(report: DreddReport): string {
  const lines = [
    `dredd ${report.name}: ${report.planned} planned, ${report.ran} ran, ${report.passed} passed, ` +
      `${report.failed} failed, ${report.errors} errors, ${report.skipped} skipped (reviewed), ` +
      `${report.gzipResponses} gzip responses, ${(report.durationMs / 1000).toFixed(1)} s`,
  ];
  for (const failure of report.failures) {
    lines.push(`  ✗ ${failure.name}`);
    for (const message of failure.messages) lines.push(`      ${message.trim().replace(/\n/g, "\n      ")}`);
  }
  for (const problem of report.problems) lines.push(`  ! ${problem}`);
  return lines.join("\n");
}

async function runOnce(options: DreddRunOptions): Promise<DreddReport> {
  const started = Date.now();
  const plan = buildPlan(options.spec, options.select);
  const everything = options.select ? buildPlan(options.spec).transactions : plan.transactions;
  const context: HookContext = {
    plan,
    session: options.session,
    skips: options.skips,
    results: [],
    gzipResponses: 0,
    registered: false,
  };
  const Dredd = require("dredd") as DreddClass;
  (globalThis as Record<symbol, unknown>)[REGISTRAR] = (hooks: DreddHooks) => registerHooks(hooks, context);
  try {
    const dredd = new Dredd({
      endpoint: options.session.url,
      path: [],
      apiDescriptions: [{ location: `${options.name}.dredd.json`, content: plan.document }],
      hookfiles: [HOOKFILE],
      language: "nodejs",
      reporter: [options.reporter ?? "dot"],
      loglevel: "warning",
      color: false,
    });
    const dreddStats = await new Promise<Record<string, number>>((resolve, reject) => {
      dredd.run((error, stats) => (error ? reject(error) : resolve({ ...stats })));
    });
    const report: DreddReport = { ...summarise(options, context, plan.transactions, everything, started), dreddStats };
    if (dreddStats.passes !== report.passed) {
      report.problems.push(`Dredd counts ${dreddStats.passes} passes, the hooks ${report.passed}`);
      report.ok = false;
    }
    if (options.print ?? true) process.stdout.write(`\n${formatReport(report)}\n`);
    return report;
  } finally {
    delete (globalThis as Record<symbol, unknown>)[REGISTRAR];
  }
}

/**
 * Runs Dredd against a running provider with the Jeeves hooks: every operation × documented status ×
 * response media type × variant (plain, gzip) of the spec, each run or skipped by the reviewed list.
 * Prints how many ran, passed, failed and were skipped, with every failure; the report says whether the
 * run is clean. Runs are serialised within a process.
 */
export function runDredd(options: DreddRunOptions): Promise<DreddReport> {
  const run = queue.then(() => runOnce(options));
  queue = run.catch(() => undefined);
  return run;
}
