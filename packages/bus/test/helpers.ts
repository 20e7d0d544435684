import { randomUUID } from "node:crypto";
import amqp from "amqplib";
import { type Bus, type BusLogger, groupQueues, MemoryBus, RabbitBus, type RabbitBusOptions } from "../src/index.ts";

/** The broker the RabbitMQ tests use (BUS_TEST_RABBIT_URL overrides it, e.g. to check the skip path). */
export const RABBIT_URL = process.env.BUS_TEST_RABBIT_URL ?? "amqp://guest:guest@127.0.0.1:5672";
/** What the RabbitMQ tests say when the broker is not there (and CI is not set). */
export const RABBIT_SKIP = "RabbitMQ not reachable at 127.0.0.1:5672: skipped";

/** One log line captured by the test logger. */
export interface LogLine {
  level: "info" | "warn" | "error";
  message: string;
  fields: Record<string, unknown>;
}

/** A logger that keeps every line in `lines`. */
export function captureLogger(): BusLogger & { lines: LogLine[] } {
  const lines: LogLine[] = [];
  return {
    lines,
    info: (fields, message) => lines.push({ level: "info", message, fields }),
    warn: (fields, message) => lines.push({ level: "warn", message, fields }),
    error: (fields, message) => lines.push({ level: "error", message, fields }),
  };
}

/** A dead-lettered message as a test sees it, whichever implementation kept it. */
export interface DeadMessage {
  routingKey: string;
  body: Uint8Array;
  attempt: number;
  id: string;
}

/** One implementation of the bus, isolated for one test. */
export interface Harness {
  name: "memory" | "rabbitmq";
  logs: LogLine[];
  /** A bus of another "process" (RabbitMQ: its own connection; in-process: the same bus). */
  bus(): Promise<Bus>;
  /** A group name unique to this test. */
  group(name: string): string;
  /** Messages waiting in the group's queue. */
  queued(group: string): Promise<number>;
  /** The group's dead letters, oldest first. */
  deadLetters(group: string): Promise<DeadMessage[]>;
  /** Closes every bus, then counts messages left in the group's queue and retry queue. */
  leftovers(group: string): Promise<number>;
  /** Closes every bus and deletes what the test declared. */
  cleanup(): Promise<void>;
}

/** A harness for the in-process bus. */
export async function memoryHarness(): Promise<Harness> {
  const logger = captureLogger();
  const bus = new MemoryBus({ logger });
  return {
    name: "memory",
    logs: logger.lines,
    bus: async () => bus,
    group: (name) => name,
    queued: async (group) => bus.queued(group),
    deadLetters: async (group) =>
      bus.deadLetters
        .filter((d) => d.group === group)
        .map((d) => ({ routingKey: d.routingKey, body: d.body, attempt: d.attempts, id: d.id })),
    leftovers: async (group) => {
      await bus.close();
      return bus.queued(group);
    },
    cleanup: () => bus.close(),
  };
}

let reachable: Promise<boolean> | undefined;

/** True when RabbitMQ answers at 127.0.0.1:5672 (checked once). */
export function rabbitReachable(): Promise<boolean> {
  reachable ??= amqp.connect(RABBIT_URL, { timeout: 10_000 }).then(
    async (model) => {
      await model.close();
      return true;
    },
    () => false,
  );
  return reachable;
}

/** The RabbitMQ harness: `rabbit(options)` makes a bus on the test's exchange with extra options. */
export interface RabbitHarness extends Harness {
  rabbit(options?: Partial<RabbitBusOptions>): Promise<RabbitBus>;
}

/** A harness for the RabbitMQ bus with a unique exchange and unique queue names. */
export async function rabbitHarness(): Promise<RabbitHarness> {
  const logger = captureLogger();
  const prefix = `test-${randomUUID().slice(0, 8)}`;
  const exchange = `${prefix}.jeeves`;
  const buses: RabbitBus[] = [];
  const groups = new Set<string>();
  const admin = await amqp.connect(RABBIT_URL);
  const closeBuses = () => Promise.all(buses.map((b) => b.close()));
  const count = async (queue: string) => {
    const channel = await admin.createChannel();
    try {
      return (await channel.checkQueue(queue)).messageCount;
    } finally {
      await channel.close().catch(() => {});
    }
  };
  const rabbit = async (options: Partial<RabbitBusOptions> = {}) => {
    const bus = await RabbitBus.connect({ url: RABBIT_URL, exchange, logger, reconnectDelayMs: 50, ...options });
    buses.push(bus);
    return bus;
  };
  return {
    name: "rabbitmq",
    logs: logger.lines,
    rabbit,
    bus: () => rabbit(),
    group: (name) => {
      const group = `${prefix}.${name}`;
      groups.add(group);
      return group;
    },
    queued: (group) => count(group),
    deadLetters: async (group) => {
      const channel = await admin.createChannel();
      const found: DeadMessage[] = [];
      try {
        for (;;) {
          const message = await channel.get(groupQueues(group).dead, { noAck: false });
          if (!message) break;
          const headers = message.properties.headers ?? {};
          found.push({
            routingKey: String(headers["x-jeeves-routing-key"]),
            body: new Uint8Array(message.content),
            attempt: Number(headers["x-jeeves-attempt"]),
            id: String(message.properties.messageId),
          });
        }
      } finally {
        await channel.close().catch(() => {}); // unacked gets are returned to the queue
      }
      return found;
    },
    leftovers: async (group) => {
      await closeBuses();
      const queues = groupQueues(group);
      return (await count(queues.main)) + (await count(queues.retry));
    },
    cleanup: async () => {
      await closeBuses();
      const channel = await admin.createChannel();
      for (const group of groups) {
        for (const queue of Object.values(groupQueues(group))) await channel.deleteQueue(queue);
      }
      await channel.deleteExchange(exchange);
      await channel.close();
      await admin.close();
    },
  };
}

/** Resolves when `check()` is true; rejects after `timeoutMs` with `what`. */
export async function waitFor(
  what: string,
  check: () => boolean | Promise<boolean>,
  timeoutMs = 15_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

/** Waits `ms` milliseconds. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** A promise with its resolve function. */
export function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

/** Bytes of a string. */
export function bytes(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

/** String of bytes. */
export function text(body: Uint8Array): string {
  return new TextDecoder().decode(body);
}
