import type { BenchContext, FigureResult, Mode, Target } from "./figure.ts";
import { connectionsOf, type LoadOptions, type LoadResult, runCleanLoad } from "./load.ts";
import { summarize } from "./stats.ts";

/** One thing put under load in every round: the service's operation, or the baseline answering like it. */
export interface Arm {
  name: string;
  /** What to send in `round` (0 is the warm-up): called each round, so a token can be fresh. */
  request(round: number): Promise<Omit<LoadOptions, "duration" | "connections">>;
}

/** Seconds of the warm-up round each arm gets before the measured rounds (not counted). */
export function warmupSeconds(context: BenchContext): number {
  return Math.min(2, context.duration);
}

/**
 * Runs the arms interleaved: a short warm-up of each, then round 1 of every arm, round 2 of every arm…
 * (service, baseline, service, baseline…), so that a noisy moment of a shared machine hits both sides
 * of a ratio alike. Every round must be clean (no error, no non-2xx), else it throws a LoadFailure.
 */
export async function interleave(
  context: BenchContext,
  arms: Arm[],
  label: string,
): Promise<Record<string, LoadResult[]>> {
  const results: Record<string, LoadResult[]> = Object.fromEntries(arms.map((arm) => [arm.name, []]));
  const connections = connectionsOf(context);
  for (const arm of arms) {
    const request = await arm.request(0);
    await runCleanLoad(context, `${label} ${arm.name} (warm-up)`, {
      ...request,
      duration: warmupSeconds(context),
      connections,
    });
  }
  for (let round = 1; round <= context.rounds; round++) {
    const line: string[] = [];
    for (const arm of arms) {
      const request = await arm.request(round);
      const result = await runCleanLoad(context, `${label} ${arm.name} round ${round}`, {
        ...request,
        duration: context.duration,
        connections,
      });
      results[arm.name].push(result);
      line.push(`${arm.name} ${Math.round(result.rps)} req/s`);
    }
    context.progress(`  ${label} round ${round}/${context.rounds}: ${line.join(", ")}`);
  }
  return results;
}

/** The raw figures of a round kept in the results (req/s, latency p50/p99 in ms, requests). */
export function roundDetail(result: LoadResult) {
  return {
    rps: Math.round(result.rps * 10) / 10,
    p50: result.p50,
    p99: result.p99,
    requests: result.requests,
  };
}

/** A ratio figure: per round, `numerator` req/s over `denominator` req/s (same round); median and spread of the ratios. */
export function ratioResult(input: {
  id: string;
  title: string;
  mode: Mode;
  numerator: LoadResult[];
  denominator: LoadResult[];
  names: [string, string];
  target?: Target;
  detail?: Record<string, unknown>;
}): FigureResult {
  const rounds = input.numerator.map((result, index) => result.rps / input.denominator[index].rps);
  return summarize({
    id: input.id,
    title: input.title,
    mode: input.mode,
    unit: "ratio",
    rounds,
    target: input.target,
    detail: {
      ...input.detail,
      [input.names[0]]: input.numerator.map(roundDetail),
      [input.names[1]]: input.denominator.map(roundDetail),
    },
  });
}
