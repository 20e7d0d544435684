/**
 * A process of the RabbitMQ throughput figure, through @jeeves/bus's RabbitBus (publisher confirms,
 * persistent messages, manual acks). argv[2] is the role, argv[3] its JSON configuration:
 * - `consumer`: subscribes the group to `chat.message.*`, prints `{"ready":true}`, acknowledges `count`
 *   messages and prints `{"consumed":count,"ms":…}` (first delivery to last ack);
 * - `publisher`: publishes `count` ChatMessages, `window` awaiting their confirms at once, and prints
 *   `{"published":count,"ms":…}` (first publish to last confirm);
 * - `paced`: publishes `pacedRate` ChatMessages a second for `pacedSeconds`, each at its due time whatever
 *   the earlier ones do (open loop, as the Slack figures send events), and prints
 *   `{"paced":n,"p50":…,"p99":…,"max":…,"lagMs":…}`: each publish's time from its due time to its confirm,
 *   after an uncounted warm-up at the same rate (`pacedWarmUpSeconds`).
 *   That is what the slackbot waits for before it acknowledges a Slack event (a persistent message is
 *   confirmed once the broker has it on disk), with nothing else of Jeeves in the way.
 */
import { type ChatMessage, publishChatMessage, RabbitBus, silentLogger, subscribeChatMessages } from "@jeeves/bus";
import { monotonicMs, pacerClock } from "../slack/clock.ts";
import { latencySummary } from "../slack/open-loop.ts";
import { fixedRateSchedule, runPacer } from "../slack/pacing.ts";

/** The configuration of a worker. */
export interface RabbitWorkerConfig {
  url: string;
  exchange: string;
  queuePrefix: string;
  group: string;
  count: number;
  /** Publishes awaiting their confirm at once (publisher). */
  window: number;
  /** Publishes a second (paced). */
  pacedRate?: number;
  /** How long the paced publisher publishes, in seconds, after its warm-up. */
  pacedSeconds?: number;
  /** How long it publishes at the same rate first, not counted (a fresh process's first second is its JIT's). */
  pacedWarmUpSeconds?: number;
}

const role = process.argv[2];
const config = JSON.parse(process.argv[3] ?? "{}") as RabbitWorkerConfig;
const bus = await RabbitBus.connect({
  url: config.url,
  exchange: config.exchange,
  queuePrefix: config.queuePrefix,
  logger: silentLogger,
  reconnect: false,
});
const print = (value: object) => process.stdout.write(`${JSON.stringify(value)}\n`);

/** A ChatMessage as the slackbot publishes one (about 150 bytes of protobuf). */
const message = (n: number): ChatMessage => ({
  message_id: `Ev${n.toString(36).padStart(10, "0")}`,
  source: "slack",
  team: "T0123ABCD",
  channel: "D0456EFGH",
  user: "U0456EFGH",
  text: "weather in Paris tomorrow morning, and will it rain in the afternoon?",
  time: new Date().toISOString(),
});

if (role === "consumer") {
  let received = 0;
  let first = 0;
  let done: () => void = () => {};
  const finished = new Promise<void>((resolve) => {
    done = resolve;
  });
  const unsubscribe = await subscribeChatMessages(bus, config.group, async () => {
    if (received === 0) first = performance.now();
    received++;
    if (received === config.count) setImmediate(done); // after this handler's ack
  });
  print({ ready: true });
  await finished;
  print({ consumed: received, ms: performance.now() - first });
  await unsubscribe();
} else if (role === "publisher") {
  let next = 0;
  const started = performance.now();
  const lane = async () => {
    while (next < config.count) await publishChatMessage(bus, message(next++));
  };
  await Promise.all(Array.from({ length: Math.max(1, config.window) }, lane));
  print({ published: config.count, ms: performance.now() - started });
} else if (role === "paced") {
  const schedule = fixedRateSchedule(config.pacedRate ?? 500, config.pacedSeconds ?? 5);
  const latencies: number[] = [];
  const confirms: Promise<void>[] = [];
  // A warm-up of the same rate first, not counted: the first second of a fresh process is its JIT's.
  const warmUp: Promise<void>[] = [];
  const warmSchedule = fixedRateSchedule(schedule.rate, config.pacedWarmUpSeconds ?? 2);
  await runPacer(warmSchedule, pacerClock, (n) => void warmUp.push(publishChatMessage(bus, message(1_000_000 + n))));
  await Promise.all(warmUp);
  const run = await runPacer(schedule, pacerClock, (n, dueAt) => {
    confirms.push(publishChatMessage(bus, message(n)).then(() => void latencies.push(monotonicMs() - dueAt)));
  });
  await Promise.all(confirms);
  print({ paced: latencies.length, ...latencySummary(latencies), lagMs: run.maxLagMs });
} else {
  throw new Error(`unknown role ${role}`);
}
await bus.close();
