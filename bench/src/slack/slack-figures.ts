import amqp from "amqplib";
import { captureAnswer, startBaseline } from "../baseline-server.ts";
import { type CpuShare, withCpuShares } from "../cpu-busy.ts";
import type { BenchContext, FigureResult, FigureSpec, Mode, Target } from "../figure.ts";
import { summarize } from "../stats.ts";
import type { Topology, TopologyOptions } from "../topology-types.ts";
import { installBenchWorkspace } from "./install-workspace.ts";
import { latencySummary, type OpenLoopOutcome, type OpenLoopRequests, runOpenLoop } from "./open-loop.ts";
import { newRunTag, readSigningSecret, signEvent, slackEvent } from "./signed-event.ts";
import { type SlackMock, startSlackMock } from "./slack-mock.ts";

/** How the figures start the suite (the harness's `startTopology`). */
export type StartTopology = (options: TopologyOptions) => Promise<Topology>;

/** The broker the separate mode uses when BUS_URL is unset. */
export const DEFAULT_RABBIT_URL = "amqp://guest:guest@127.0.0.1:5672";
/** A request not acknowledged within this many ms fails; a reply not posted this long after the last send is lost. */
const REQUEST_TIMEOUT_MS = 10_000;
const REPLY_WAIT_MS = 10_000;
/** The latency a failed or lost request counts as in the percentiles (so failures never make a figure look better). */
const FAILED_MS = REQUEST_TIMEOUT_MS;
/** A load process this many ms late at worst marks the round as disturbed in its progress line. */
const LAG_WARNING_MS = 5;
/**
 * Seconds of untimed load before the rounds (JIT, token caches, connections). At 500 events/s the
 * one-process suite on one CPU is still compiling its hot paths for about 8 s after its start (its event
 * loop late by over 5 ms 161–174 times in the first 3 s, 25–51 times in the next 5 s, 1–14 times in each
 * later 5 s; RESULTS.md, finding 20): with 3 s of warm-up the first round measured that, not the steady
 * rate the targets are about.
 */
const WARMUP_SECONDS = 10;

type SuiteMode = Exclude<Mode, "standalone">;

/** What one round measured (RESULTS.md shows these beside the figure). */
export interface RoundDetail {
  p50: number;
  p99: number;
  max: number;
  sent: number;
  /** Answered 200 by the slackbot. */
  acknowledged: number;
  /** Whose reply reached the Slack mock (events) or came back in the answer (chat). */
  answered: number;
  /** Acknowledged events whose reply never came within the bounded wait. */
  lost: number;
  errors: Record<string, number>;
  /** How late the load process was at worst in sending (its own lag, not the server's). */
  loadLagMs: number;
  /** How busy the server CPU and the load CPU were while the requests went out (percent; steal apart). */
  serverCpu: CpuShare;
  loadCpu: CpuShare;
}

/** What a round's load measured: the outcome, and how busy the two CPUs were meanwhile. */
interface LoadRound {
  outcome: OpenLoopOutcome;
  serverCpu: CpuShare;
  loadCpu: CpuShare;
}

/** Runs the open-loop load and reads how busy the server and load CPUs were while it ran. */
async function loadRound(context: BenchContext, config: Parameters<typeof runOpenLoop>[0]): Promise<LoadRound> {
  const { value, shares } = await withCpuShares([context.serverCpu, context.loadCpu], () =>
    runOpenLoop(config, context.loadCpu),
  );
  return { outcome: value, serverCpu: shares[context.serverCpu], loadCpu: shares[context.loadCpu] };
}

/** A running suite with the Slack mock, the bench workspace installed and the signing secret read. */
interface SlackRig {
  topology: Topology;
  mock: SlackMock;
  signingSecret: string;
  run: string;
  /** The next event sequence number (every event of the run gets its own message `ts`). */
  nextSeq: number;
}

/** The broker of the separate mode. */
function rabbitUrl(env: BenchContext["env"]): string {
  return env.BENCH_SUITE_BUS_URL || env.BUS_URL || DEFAULT_RABBIT_URL;
}

async function rabbitReachable(url: string): Promise<boolean> {
  try {
    const connection = await amqp.connect(url, { timeout: 3000 });
    await connection.close();
    return true;
  } catch {
    return false;
  }
}

/**
 * The services' environment for a Slack figure: every `BENCH_SUITE_<NAME>` of the bench's environment as
 * `<NAME>` (the harness's convention: `BENCH_SUITE_LOG_LEVEL=warn`…), then the mock as Slack, the rate
 * limits out of the way, and the bus by mode (in-process for one-process; RabbitMQ at
 * `BENCH_SUITE_BUS_URL`, `BUS_URL` or the local broker for separate).
 */
export function slackEnv(
  mode: SuiteMode,
  mockUrl: string,
  env: BenchContext["env"],
): Record<string, string | undefined> {
  const suite: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(env)) {
    if (name.startsWith("BENCH_SUITE_") && value !== undefined) suite[name.slice("BENCH_SUITE_".length)] = value;
  }
  return {
    ...suite,
    SLACK_API_URL: mockUrl,
    // The defaults (1200 events, 120 chat lines a minute per address) would answer 429 to a benchmark.
    RATE_LIMIT_SLACK_EVENTS_PER_MINUTE: "100000000",
    RATE_LIMIT_CHAT_PER_MINUTE: "100000000",
    BUS_URL: mode === "separate" ? rabbitUrl(env) : undefined,
  };
}

async function withRig<T>(
  start: StartTopology,
  context: BenchContext,
  mode: SuiteMode,
  body: (rig: SlackRig) => Promise<T>,
): Promise<T> {
  const mock = await startSlackMock();
  try {
    const topology = await start({
      mode,
      serverCpu: context.serverCpu,
      env: slackEnv(mode, mock.url, context.env),
      progress: context.progress,
    });
    try {
      await installBenchWorkspace(topology);
      const signingSecret = await readSigningSecret(topology.dataDir);
      return await body({ topology, mock, signingSecret, run: newRunTag(), nextSeq: 0 });
    } finally {
      await topology.close();
    }
  } finally {
    await mock.close();
  }
}

/**
 * Sends signed events (`text` after the mention) to `${baseUrl}/slack/events` at `rate` for `seconds`
 * from the load CPU, each with a sequence number of its own in the run.
 */
async function sendEvents(
  rig: SlackRig,
  context: BenchContext,
  baseUrl: string,
  rate: number,
  seconds: number,
  text: string,
): Promise<LoadRound> {
  const requests: OpenLoopRequests = {
    kind: "slack-event",
    url: `${baseUrl}/slack/events`,
    signingSecret: rig.signingSecret,
    text,
    run: rig.run,
    firstSeq: rig.nextSeq,
  };
  const load = await loadRound(context, { requests, rate, durationSeconds: seconds, timeoutMs: REQUEST_TIMEOUT_MS });
  rig.nextSeq += load.outcome.keys.length;
  return load;
}

/** Sends signed events at `rate` for `seconds` and waits (bounded) for their replies; answers per-event latencies. */
async function eventRound(
  rig: SlackRig,
  context: BenchContext,
  rate: number,
  seconds: number,
  text: string,
): Promise<LoadRound & { replyMs: number[]; answered: number; lost: number }> {
  rig.mock.clear();
  const load = await sendEvents(rig, context, rig.topology.urls.slackbot, rate, seconds, text);
  const { outcome } = load;
  const acked = outcome.keys.filter((_key, i) => outcome.status[i] === 200);
  await rig.mock.waitUntil(() => acked.every((key) => rig.mock.byThread.has(key)), REPLY_WAIT_MS);
  const replyMs = outcome.keys.map((key, i) => {
    const post = rig.mock.byThread.get(key);
    return post && outcome.status[i] === 200 ? post.at - outcome.dueAt[i] : -1;
  });
  const answered = replyMs.filter((ms) => ms >= 0).length;
  return { ...load, replyMs, answered, lost: acked.length - answered };
}

/** A round's detail; `answered` defaults to the requests answered 200 (when the answer is the reply). */
function detailOf(latencies: number[], load: LoadRound, answered?: number, lost = 0): RoundDetail {
  const { outcome } = load;
  const { p50, p99, max } = latencySummary(latencies.map((ms) => (ms < 0 ? FAILED_MS : ms)));
  const acknowledged = outcome.status.filter((status) => status === 200).length;
  return {
    p50,
    p99,
    max,
    sent: outcome.keys.length,
    acknowledged,
    answered: answered ?? acknowledged,
    lost,
    errors: outcome.errors,
    loadLagMs: outcome.maxLagMs,
    serverCpu: load.serverCpu,
    loadCpu: load.loadCpu,
  };
}

/** `99% busy` (and the stolen share when there is one worth saying). */
function cpuText(share: CpuShare): string {
  const steal = share.steal >= 1 ? `, ${Math.round(share.steal)}% stolen` : "";
  return `${Math.round(share.busy)}% busy${steal}`;
}

const round1 = (ms: number) => Math.round(ms * 10) / 10;

function line(id: string, mode: SuiteMode, round: number, of: number, detail: RoundDetail): string {
  const errors = Object.values(detail.errors).reduce((a, b) => a + b, 0);
  return (
    `${id} [${mode}] round ${round}/${of}: p50 ${round1(detail.p50)} ms, p99 ${round1(detail.p99)} ms, ` +
    `max ${round1(detail.max)} ms; sent ${detail.sent}, acknowledged ${detail.acknowledged}, answered ${detail.answered}` +
    `${detail.lost ? `, lost ${detail.lost}` : ""}${errors ? `, errors ${errors}` : ""}` +
    // A saturated CPU queues every request behind the others: the round then measures the queue.
    `; server CPU ${cpuText(detail.serverCpu)}, load CPU ${cpuText(detail.loadCpu)}` +
    // The load process itself sending late means its CPU was busy: the round measured the machine too.
    `${detail.loadLagMs > LAG_WARNING_MS ? ` (load process ${round1(detail.loadLagMs)} ms late: disturbed)` : ""}`
  );
}

/** A result saying why the figure was not measured. */
function skipped(id: string, title: string, mode: SuiteMode, target: Target, why: string): FigureResult {
  return {
    id,
    title,
    mode,
    unit: "ms",
    rounds: [],
    median: Number.NaN,
    spread: [Number.NaN, Number.NaN],
    target,
    skipped: why,
  };
}

/** How one figure measures one round on a rig: its detail (p99 is the round's value). */
type Measure = (rig: SlackRig, context: BenchContext, seconds: number) => Promise<RoundDetail>;

/** A floor measured beside a figure: the same load against a bare server on the server CPU. */
interface Floor {
  /** Rounds of the floor, in the same turns as the figure's. */
  measure(seconds: number): Promise<RoundDetail>;
  close(): Promise<void>;
}

/**
 * The floor of `slack-ack`: a bare node:http server pinned to the server CPU answering every request
 * with the slackbot's own acknowledgement (status, type and bytes captured from one signed event), under
 * the same open-loop load (signed events at the same rate from the load CPU). Its p99 is what this
 * harness measures on this host when the server does nothing: a 10 ms target is only measurable here
 * when that is well under 10 ms.
 */
async function startAckFloor(rig: SlackRig, context: BenchContext, rate: number): Promise<Floor> {
  const nowSeconds = Math.floor(Date.now() / 1000);
  const signed = signEvent(
    rig.signingSecret,
    slackEvent({ text: "help", seq: rig.nextSeq, run: rig.run, nowSeconds }),
    nowSeconds,
  );
  rig.nextSeq += 1;
  const answer = await captureAnswer(`${rig.topology.urls.slackbot}/slack/events`, {
    method: "POST",
    headers: signed.headers,
    body: signed.payload,
  });
  const baseline = await startBaseline(context.serverCpu, answer);
  const measure = async (seconds: number) => {
    const load = await sendEvents(rig, context, baseline.url, rate, seconds, "help");
    return detailOf(load.outcome.latencyMs, load);
  };
  return { measure, close: () => baseline.close() };
}

/** Seconds of untimed load on a floor's bare server before its rounds. */
const FLOOR_WARMUP_SECONDS = 3;

function figure(spec: {
  id: string;
  title: string;
  target: (mode: SuiteMode) => Target;
  rate: number;
  measure: Measure;
  start: StartTopology;
  /** A floor to measure in the same rounds (reported as `<id>-floor`, no target). */
  floor?: (rig: SlackRig, context: BenchContext) => Promise<Floor>;
}): FigureSpec {
  return {
    id: spec.id,
    title: spec.title,
    modes: ["one-process", "separate"],
    async run(context, mode) {
      if (mode === "standalone") return [];
      const target = spec.target(mode);
      const title = `${spec.title} (${spec.rate}/s)`;
      if (mode === "separate") {
        if (!(await rabbitReachable(rabbitUrl(context.env))))
          return [skipped(spec.id, title, mode, target, "RabbitMQ is not reachable")];
      }
      const rounds = Math.max(3, context.rounds);
      return withRig(spec.start, context, mode, async (rig) => {
        context.progress(`${spec.id} [${mode}]: warming up ${WARMUP_SECONDS} s`);
        await spec.measure(rig, context, WARMUP_SECONDS);
        const floor = await spec.floor?.(rig, context);
        try {
          await floor?.measure(FLOOR_WARMUP_SECONDS);
          const details: RoundDetail[] = [];
          const floorDetails: RoundDetail[] = [];
          for (let round = 1; round <= rounds; round += 1) {
            const detail = await spec.measure(rig, context, context.duration);
            details.push(detail);
            context.progress(line(spec.id, mode, round, rounds, detail));
            if (!floor) continue;
            const floorDetail = await floor.measure(context.duration);
            floorDetails.push(floorDetail);
            context.progress(line(`${spec.id}-floor`, mode, round, rounds, floorDetail));
          }
          const p99s = (id: string, figureTitle: string, of: RoundDetail[], figureTarget?: Target) =>
            summarize({
              id,
              title: figureTitle,
              mode,
              unit: "ms",
              rounds: of.map((detail) => detail.p99),
              target: figureTarget,
              detail: { value: "p99 per round", rate: spec.rate, rounds: of },
            });
          const results = [p99s(spec.id, title, details, target)];
          if (floor) {
            const floorTitle = `${spec.title} from a bare node:http server answering the same bytes (${spec.rate}/s)`;
            results.push(p99s(`${spec.id}-floor`, floorTitle, floorDetails));
          }
          return results;
        } finally {
          await floor?.close();
        }
      });
    },
  };
}

/** Signed events at 500/s: the HTTP 200 acknowledgement's latency, from each event's due time. */
export const ACK_RATE = 500;
/** Signed events at 100/s: until the reply reaches the Slack mock. */
const REPLY_RATE = 100;
/** Local chat lines at 100/s: the full round trip of `POST /chat`. */
const CHAT_RATE = 100;

/**
 * The Slack-side figures, each in the one-process suite (in-process bus) and with the services as
 * separate processes on RabbitMQ, each round's value its p99 (ms): `slack-ack` (signed `help` events
 * at 500/s, until the 200), `event-to-reply` (signed `config show` events at 100/s, until the reply's
 * `chat.postMessage` reaches the mock) and `chat-round-trip` (`POST /chat` "config show" at 100/s).
 * The load comes from a separate process on the load CPU (see runOpenLoop); a failed request or a
 * lost reply counts as 10 s in the percentiles and is reported in the detail.
 */
export function createSlackFigures(start: StartTopology): FigureSpec[] {
  const ack: Measure = async (rig, context, seconds) => {
    const round = await eventRound(rig, context, ACK_RATE, seconds, "help");
    return detailOf(round.outcome.latencyMs, round, round.answered, round.lost);
  };
  const reply: Measure = async (rig, context, seconds) => {
    const round = await eventRound(rig, context, REPLY_RATE, seconds, "config show");
    return detailOf(round.replyMs, round, round.answered, round.lost);
  };
  const chat: Measure = async (rig, context, seconds) => {
    const token = await rig.topology.token("slackbot", ["chat:write"]);
    const load = await loadRound(context, {
      requests: {
        kind: "chat",
        url: `${rig.topology.urls.slackbot}/chat`,
        token,
        text: "config show",
        user: "bench",
      },
      rate: CHAT_RATE,
      durationSeconds: seconds,
      timeoutMs: REQUEST_TIMEOUT_MS,
    });
    return detailOf(load.outcome.latencyMs, load);
  };
  return [
    figure({
      id: "slack-ack",
      title: "Slack event acknowledgement, p99",
      target: () => ({ op: "<", value: 10, text: "p99 < 10 ms" }),
      rate: ACK_RATE,
      measure: ack,
      start,
      floor: (rig, context) => startAckFloor(rig, context, ACK_RATE),
    }),
    figure({
      id: "event-to-reply",
      title: "Slack event to reply posted, p99",
      target: (mode) =>
        mode === "one-process"
          ? { op: "<", value: 25, text: "p99 < 25 ms (in-process bus)" }
          : { op: "<", value: 60, text: "p99 < 60 ms (RabbitMQ)" },
      rate: REPLY_RATE,
      measure: reply,
      start,
    }),
    figure({
      id: "chat-round-trip",
      title: "Local chat round trip (POST /chat), p99",
      target: () => ({ op: "<", value: 25, text: "p99 < 25 ms" }),
      rate: CHAT_RATE,
      measure: chat,
      start,
    }),
  ];
}
