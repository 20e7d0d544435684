import { Ajv, type ValidateFunction } from "ajv";
import fc from "fast-check";
import type { ProviderSession } from "../dredd/providers/types.ts";
import { mintCredentials } from "./credentials.ts";
import type { FuzzRequest } from "./fuzz-request.ts";
import { judge } from "./judge.ts";
import { rawRequests } from "./raw-requests.ts";
import { count, formatReport, newTally, replayCommand, type Tally } from "./report.ts";
import { type FuzzContext, requestArbitrary } from "./request-arbitrary.ts";
import { httpSender, injectSender, rawSender } from "./send.ts";
import { type FuzzTarget, fuzzTargets } from "./targets.ts";

/** What to fuzz. */
export interface FuzzOptions {
  /** The service's name (as in the registry): the report and the replay command name it. */
  service: string;
  /** Its OpenAPI document. */
  spec: Record<string, unknown>;
  /** Starts it as its Dredd provider run does (`src/dredd/providers/<name>.ts`). */
  startProvider(): Promise<ProviderSession>;
  /** Generated requests; default `FUZZ_RUNS` or 1500. */
  runs?: number;
}

/** The seed of this run: `FUZZ_SEED`, else a random one (printed, so a failure can be replayed). */
export function fuzzSeed(): number {
  const given = process.env.FUZZ_SEED;
  if (given !== undefined && given !== "") {
    const seed = Number(given);
    if (!Number.isSafeInteger(seed)) throw new Error(`FUZZ_SEED must be an integer, not ${given}`);
    return seed;
  }
  return Math.floor(Math.random() * 0x7fffffff);
}

/** A strict validator of request bodies: no coercion, no defaults, formats not checked (only types and shapes). */
function bodyValidator(): (target: FuzzTarget, value: unknown) => boolean {
  const ajv = new Ajv({ strict: false, allErrors: false, validateFormats: false });
  const compiled = new Map<string, ValidateFunction>();
  return (target, value) => {
    if (!target.body) return true;
    let validate = compiled.get(target.operationId);
    if (!validate) {
      validate = ajv.compile(target.body.schema);
      compiled.set(target.operationId, validate);
    }
    return validate(value) === true;
  };
}

/** The methods each path template has in the spec (HEAD with GET, as fastify adds it). */
function methodsByPath(targets: FuzzTarget[]): Map<string, Set<string>> {
  const methods = new Map<string, Set<string>>();
  for (const target of targets) {
    const set = methods.get(target.path) ?? new Set<string>();
    set.add(target.method);
    if (target.method === "GET") set.add("HEAD");
    methods.set(target.path, set);
  }
  return methods;
}

/**
 * The requests of a run, in order: `runs` generated from the spec with fast-check under `seed` (every
 * operation alike), then the raw HTTP ones. The same seed and runs give the same requests.
 */
export function fuzzRequests(targets: FuzzTarget[], context: FuzzContext, seed: number, runs: number): FuzzRequest[] {
  const arbitrary = fc.oneof(...targets.map((target) => requestArbitrary(target, context)));
  return [...fc.sample(arbitrary, { seed, numRuns: runs }), ...rawRequests(targets, context.credentials)];
}

/**
 * Fuzzes one service: starts and seeds it as its Dredd provider run does, mints tokens from its real
 * TokenDealer, generates requests from its spec, sends each (`app.inject`, or HTTP when the session has
 * no app; raw bytes over a socket for what inject cannot express), judges each answer and prints the
 * report. Answers the tally; its `failures` are what the test fails on. `FUZZ_ONLY=<index>` sends only
 * that request of the run.
 */
export async function fuzzService(options: FuzzOptions): Promise<Tally> {
  const seed = fuzzSeed();
  const runs = options.runs ?? Number(process.env.FUZZ_RUNS ?? 1500);
  const tally = newTally(options.service, seed);
  console.log(`fuzz ${options.service}: seed ${seed}, ${runs} generated requests (replay: ${replayCommand(tally)})`);
  const session = await options.startProvider();
  try {
    await session.seed();
    const targets = fuzzTargets(options.spec);
    const byId = new Map(targets.map((target) => [target.operationId, target]));
    const context: FuzzContext = {
      params: session.params,
      credentials: await mintCredentials(session, targets),
      validBody: bodyValidator(),
      inject: session.app !== undefined,
      methodsByPath: methodsByPath(targets),
    };
    const requests = fuzzRequests(targets, context, seed, runs);
    const only = process.env.FUZZ_ONLY === undefined ? undefined : Number(process.env.FUZZ_ONLY);
    const http = session.app ? undefined : httpSender(session.url);
    const send = session.app ? injectSender(session.app) : (http as NonNullable<typeof http>);
    const raw = rawSender(session.url);
    const started = performance.now();
    try {
      for (const [index, request] of requests.entries()) {
        if (only !== undefined && index !== only) continue;
        const answer = await (request.raw ? raw(request) : send(request));
        if (answer.status === -1) continue; // node:http would not write it: nothing was sent
        count(tally, index, request, answer, judge(request, answer, byId.get(request.operationId)));
      }
    } finally {
      http?.close();
    }
    tally.ms = performance.now() - started;
  } finally {
    await session.close();
  }
  console.log(formatReport(tally));
  return tally;
}

/** The assertion message of a run with failures: each class, and how to replay the run. */
export function failureMessage(tally: Tally, hints: Array<[RegExp, string]> = []): string {
  const classes = [...tally.failures.values()].map((failure) => {
    const hint = hints.find(([pattern]) => pattern.test(failure.key))?.[1];
    return `  ${failure.key} (${failure.count}×)${hint ? ` — ${hint}` : ""}`;
  });
  return [
    `${tally.failures.size} failure classes in ${tally.sent} requests to ${tally.service} (the report above shows a request of each):`,
    ...classes,
    `replay: ${replayCommand(tally)}`,
  ].join("\n");
}
