/**
 * RabbitMQ bus throughput with publisher confirms: one process publishes ChatMessages through
 * @jeeves/bus's RabbitBus (each publish awaits its confirm, `window` of them at once), another consumes
 * them as a consumer group that acknowledges each; both pinned, on their own exchange and queues, which
 * are deleted after each round. No target: the figure is reported.
 *
 * Each round then also publishes at the Slack acknowledgement's rate (500/s, open loop) for the round's
 * duration and reports the p99 from each publish's due time to its confirm (`rabbitmq-confirm-p99`): what
 * the separate slackbot waits for before it acknowledges a Slack event, with nothing of Jeeves but the bus
 * client in the way, the floor under the separate `slack-ack`.
 */
import { randomBytes } from "node:crypto";
import { fileURLToPath, pathToFileURL } from "node:url";
import { groupQueues } from "@jeeves/bus";
import amqp from "amqplib";
import type { BenchContext, FigureResult, FigureSpec } from "../figure.ts";
import { startPinned, stopPinned } from "../standalone/pinned-process.ts";
import type { RabbitWorkerConfig } from "../standalone/rabbitmq-worker.ts";
import { ACK_RATE } from "../slack/slack-figures.ts";
import { summarize } from "../stats.ts";

/** The broker used unless BENCH_BUS_URL (or BUS_URL) names another. */
export const DEFAULT_RABBIT_URL = "amqp://guest:guest@127.0.0.1:5672";
const WORKER = fileURLToPath(new URL("../standalone/rabbitmq-worker.ts", import.meta.url));
const GROUP = "bench-consumer";
/** Seconds the paced publisher publishes before it counts (its consumer acknowledges those too). */
const WARM_UP_SECONDS = 2;

async function reachable(url: string): Promise<boolean> {
  try {
    const connection = await amqp.connect(url, { timeout: 5_000 });
    await connection.close();
    return true;
  } catch {
    return false;
  }
}

/** Deletes the round's queues and exchange. */
async function cleanUp(url: string, config: RabbitWorkerConfig): Promise<void> {
  const connection = await amqp.connect(url);
  try {
    const channel = await connection.createChannel();
    const queues = groupQueues(config.group, config.queuePrefix);
    for (const queue of [queues.main, queues.retry, queues.dead]) await channel.deleteQueue(queue);
    await channel.deleteExchange(config.exchange);
    await channel.close();
  } finally {
    await connection.close();
  }
}

/** A worker process and `waitFor(key)`: the first JSON line it printed that has `key`. */
function worker(cpu: number, role: string, config: RabbitWorkerConfig) {
  const seen: Record<string, number>[] = [];
  const listeners = new Set<() => void>();
  const pinned = startPinned(cpu, WORKER, {
    args: [role, JSON.stringify(config)],
    onLine(text) {
      if (!text.startsWith("{")) return;
      seen.push(JSON.parse(text) as Record<string, number>);
      for (const listener of listeners) listener();
    },
  });
  let exitCode: number | null | undefined;
  void pinned.exited.then((code) => {
    exitCode = code;
    for (const listener of listeners) listener();
  });
  const waitFor = (key: string, timeoutMs: number) =>
    new Promise<Record<string, number>>((resolve, reject) => {
      const done = (error?: Error, value?: Record<string, number>) => {
        clearTimeout(timer);
        listeners.delete(check);
        if (value) resolve(value);
        else reject(error);
      };
      const check = () => {
        const value = seen.find((line) => key in line);
        if (value) done(undefined, value);
        else if (exitCode !== undefined)
          done(new Error(`the ${role} exited (${exitCode}) without "${key}":\n${pinned.tail()}`));
      };
      const timer = setTimeout(() => done(new Error(`the ${role}: no "${key}" within ${timeoutMs} ms`)), timeoutMs);
      listeners.add(check);
      check();
    });
  return { pinned, waitFor };
}

/** A round's own exchange and queues (deleted after it) for `count` messages, and the publisher's settings. */
function roundConfig(
  url: string,
  tag: string,
  count: number,
  publisher: Omit<RabbitWorkerConfig, "url" | "exchange" | "queuePrefix" | "group" | "count">,
): RabbitWorkerConfig {
  return {
    url,
    exchange: `jeeves-bench-${tag}`,
    queuePrefix: `jeeves-bench-${tag}.`,
    group: GROUP,
    count,
    ...publisher,
  };
}

type Worker = ReturnType<typeof worker>;

/**
 * One round: the consumer on the server CPU (its queue bound before anything is published), then the
 * `role` publisher on the load CPU; `body` waits for what they print. Both are stopped and the round's
 * exchange and queues deleted afterwards, whatever happened.
 */
async function withWorkers<T>(
  context: BenchContext,
  config: RabbitWorkerConfig,
  role: "publisher" | "paced",
  figure: string,
  body: (consumer: Worker, publisher: Worker) => Promise<T>,
): Promise<T> {
  const consumer = worker(context.serverCpu, "consumer", config);
  let publisher: Worker | undefined;
  try {
    await consumer.waitFor("ready", 30_000);
    publisher = worker(context.loadCpu, role, config);
    return await body(consumer, publisher);
  } finally {
    await stopPinned(publisher?.pinned);
    await stopPinned(consumer.pinned);
    await cleanUp(config.url, config).catch((error: unknown) =>
      context.progress(`${figure}: clean-up of ${config.exchange} failed: ${String(error)}`),
    );
  }
}

/**
 * One open-loop round: `ACK_RATE` persistent ChatMessages a second for the round's duration, published
 * from the load CPU while a consumer group on the server CPU acknowledges them (as the actions service
 * does); each publish's time from its due time to its confirm.
 */
async function pacedRound(context: BenchContext, url: string, round: number): Promise<Record<string, number>> {
  const tag = `${process.pid}-paced-${round}-${randomBytes(3).toString("hex")}`;
  const count = Math.round(ACK_RATE * context.duration) + Math.round(ACK_RATE * WARM_UP_SECONDS);
  const config = roundConfig(url, tag, count, {
    window: 1,
    pacedRate: ACK_RATE,
    pacedSeconds: context.duration,
    pacedWarmUpSeconds: WARM_UP_SECONDS,
  });
  return withWorkers(context, config, "paced", "rabbitmq-confirm-p99", async (consumer, publisher) => {
    const result = await publisher.waitFor("paced", (context.duration + WARM_UP_SECONDS) * 1000 + 60_000);
    await consumer.waitFor("consumed", 60_000);
    context.progress(
      `rabbitmq-confirm-p99: round ${round}: ${result.paced} publishes at ${ACK_RATE}/s, confirm p50 ${result.p50.toFixed(1)} ms, p99 ${result.p99.toFixed(1)} ms (publisher at most ${result.lagMs.toFixed(1)} ms late)`,
    );
    return result;
  });
}

async function run(context: BenchContext): Promise<FigureResult[]> {
  const url = context.env.BENCH_BUS_URL || context.env.BUS_URL || DEFAULT_RABBIT_URL;
  const count = Number(context.env.BENCH_RABBIT_MESSAGES) || 50_000;
  const window = Number(context.env.BENCH_RABBIT_WINDOW) || 100;
  const mode = "standalone" as const;
  if (!(await reachable(url))) {
    const skipped = `RabbitMQ not reachable at ${new URL(url).host}`;
    return ["published", "consumed", "confirm-p99"].map((what) => ({
      id: `rabbitmq-${what}`,
      title: what === "confirm-p99" ? "RabbitMQ: publish to confirm, p99" : `RabbitMQ messages ${what} per second`,
      mode,
      unit: what === "confirm-p99" ? ("ms" as const) : ("msg/s" as const),
      rounds: [],
      median: Number.NaN,
      spread: [Number.NaN, Number.NaN] as [number, number],
      skipped,
    }));
  }
  const published: number[] = [];
  const consumed: number[] = [];
  const confirmP99: number[] = [];
  const pacedRounds: Record<string, number>[] = [];
  const budgetMs = 120_000 + count * 5; // generous: a slow broker is measured, not failed
  for (let round = 1; round <= context.rounds; round++) {
    const tag = `${process.pid}-${round}-${randomBytes(3).toString("hex")}`;
    await withWorkers(
      context,
      roundConfig(url, tag, count, { window }),
      "publisher",
      "rabbitmq-throughput",
      async (consumer, publisher) => {
        const sent = await publisher.waitFor("published", budgetMs);
        const received = await consumer.waitFor("consumed", budgetMs);
        published.push((count / sent.ms) * 1000);
        consumed.push((count / received.ms) * 1000);
        context.progress(
          `rabbitmq-throughput: round ${round}: ${Math.round(published.at(-1) ?? 0)} msg/s published (confirmed), ${Math.round(consumed.at(-1) ?? 0)} msg/s consumed`,
        );
      },
    );
    const paced = await pacedRound(context, url, round);
    confirmP99.push(paced.p99);
    pacedRounds.push(paced);
  }
  const detail = { messages: count, publishWindow: window, prefetch: "bus default (10)", persistent: true };
  return [
    summarize({
      id: "rabbitmq-published",
      title: "RabbitMQ: messages published per second (confirmed)",
      mode,
      unit: "msg/s",
      rounds: published,
      detail,
    }),
    summarize({
      id: "rabbitmq-consumed",
      title: "RabbitMQ: messages consumed (acked) per second",
      mode,
      unit: "msg/s",
      rounds: consumed,
      detail,
    }),
    summarize({
      id: "rabbitmq-confirm-p99",
      title: `RabbitMQ: publish to confirm at ${ACK_RATE}/s, p99 (persistent; the floor under the separate slack-ack)`,
      mode,
      unit: "ms",
      rounds: confirmP99,
      detail: { value: "p99 per round", rate: ACK_RATE, persistent: true, rounds: pacedRounds },
    }),
  ];
}

/** The figure: RabbitMQ bus throughput with publisher confirms (standalone). */
export const rabbitmqThroughput: FigureSpec = {
  id: "rabbitmq-throughput",
  title: "RabbitMQ bus throughput with publisher confirms",
  modes: ["standalone"],
  run: (context) => run(context),
};

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const { runOne } = await import("../run-one.ts");
  await runOne(rabbitmqThroughput);
}
