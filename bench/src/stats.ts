import type { FigureResult, Mode, Target, Unit } from "./figure.ts";

/** The median of `values` (the mean of the middle two for an even count). */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** The `p`-th percentile (0–100) of `values`, nearest rank. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1];
}

/** Whether `value` meets `target`. */
export function meets(value: number, target: Target): boolean {
  switch (target.op) {
    case "<":
      return value < target.value;
    case "<=":
      return value <= target.value;
    case ">=":
      return value >= target.value;
    case ">":
      return value > target.value;
  }
}

/** A figure's result from its rounds: median, spread (min, max) and whether the target is met. */
export function summarize(input: {
  id: string;
  title: string;
  mode: Mode;
  unit: Unit;
  rounds: number[];
  target?: Target;
  detail?: Record<string, unknown>;
}): FigureResult {
  const value = median(input.rounds);
  const result: FigureResult = {
    ...input,
    median: value,
    spread: [Math.min(...input.rounds), Math.max(...input.rounds)],
  };
  if (input.target) result.met = meets(value, input.target);
  return result;
}
