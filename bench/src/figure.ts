/**
 * What every benchmark figure shares: how it is declared (id, title, target, the modes it runs in) and
 * what one run of it yields (a value per round, their median and spread, whether the target is met).
 * `main.ts` runs the declared figures and writes `bench/results/latest.json`, `bench/RESULTS.md` and the chart.
 */

/** Where a figure runs: the one-process suite (`npm start`), the services as separate processes, or neither. */
export type Mode = "one-process" | "separate" | "standalone";

/** The unit of a figure's values. A `ratio` is the service's throughput over the bare node:http baseline's. */
export type Unit = "ratio" | "ms" | "MB" | "s" | "msg/s" | "req/s" | "x";

/** A target: the median must compare to `value` as `op` says; `text` is how RESULTS.md shows it. */
export interface Target {
  op: "<" | "<=" | ">=" | ">";
  value: number;
  text: string;
}

/** What a figure measured in one mode. */
export interface FigureResult {
  id: string;
  title: string;
  mode: Mode;
  unit: Unit;
  /** One value per round (at least 3). */
  rounds: number[];
  median: number;
  /** Smallest and largest round. */
  spread: [number, number];
  target?: Target;
  /** Whether the median meets the target (absent without a target). */
  met?: boolean;
  /** Raw figures behind the value (req/s of the service and of the baseline per round, p50s…). */
  detail?: Record<string, unknown>;
  /** Set when the figure could not be measured (PostgreSQL down…): what was missing. */
  skipped?: string;
}

/** What a figure's `run` gets. */
export interface BenchContext {
  /** Rounds per figure (default 3, at least 3). */
  rounds: number;
  /** Seconds per load round (default 5). */
  duration: number;
  /** The CPU the server under test is pinned to, and the one load generators are pinned to. */
  serverCpu: number;
  loadCpu: number;
  /** Prints a progress line (every long step shows progress). */
  progress(line: string): void;
  /** The environment (DATABASE_URL, BUS_URL, BENCH_* …). */
  env: Record<string, string | undefined>;
}

/** A figure as declared: run once per mode; returns one result per (sub)figure it measures. */
export interface FigureSpec {
  id: string;
  title: string;
  modes: Mode[];
  run(context: BenchContext, mode: Mode): Promise<FigureResult[]>;
}
