/**
 * A process of the RabbitMQ throughput figure, through @jeeves/bus's RabbitBus (publisher confirms,
 * persistent messages, manual acks). argv[2] is the role, argv[3] its JSON configuration:
 * - `consumer`: subscribes the group to `chat.message.*`, prints `{"ready":true}`, acknowledges `count`
 *   messages and prints `{"consumed":count,"ms":…}` (first delivery to last ack);
 * - `publisher`: publishes `count` ChatMessages, `window` awaiting their confirms at once, and prints
 *   `{"published":count,"ms":…}` (first publish to last confirm).
 */
import { type ChatMessage, publishChatMessage, RabbitBus, silentLogger, subscribeChatMessages } from "@jeeves/bus";

/** The configuration of a worker. */
export interface RabbitWorkerConfig {
  url: string;
  exchange: string;
  queuePrefix: string;
  group: string;
  count: number;
  /** Publishes awaiting their confirm at once (publisher). */
  window: number;
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
  // A ChatMessage as the slackbot publishes one (about 150 bytes of protobuf).
  const message = (n: number): ChatMessage => ({
    message_id: `Ev${n.toString(36).padStart(10, "0")}`,
    source: "slack",
    team: "T0123ABCD",
    channel: "D0456EFGH",
    user: "U0456EFGH",
    text: "weather in Paris tomorrow morning, and will it rain in the afternoon?",
    time: new Date().toISOString(),
  });
  let next = 0;
  const started = performance.now();
  const lane = async () => {
    while (next < config.count) await publishChatMessage(bus, message(next++));
  };
  await Promise.all(Array.from({ length: Math.max(1, config.window) }, lane));
  print({ published: config.count, ms: performance.now() - started });
} else {
  throw new Error(`unknown role ${role}`);
}
await bus.close();
