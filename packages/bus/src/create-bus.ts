import { MemoryBus } from "./memory-bus.ts";
import { crashOnceWhenFileExists, RabbitBus } from "./rabbit-bus.ts";
import type { Bus, BusLogger } from "./types.ts";

/** Options of `createBus`. */
export interface CreateBusOptions {
  /** BUS_URL: unset or empty → in-process bus; `amqp://…` or `amqps://…` → RabbitMQ. */
  url?: string;
  logger?: BusLogger;
  /** The RabbitMQ topic exchange (default `jeeves`). */
  exchange?: string;
  /** RabbitMQ only: a prefix for every queue name (test isolation on a shared broker). */
  queuePrefix?: string;
  /**
   * RabbitMQ only, fault tests only: when this file exists, the first handler to finish after it appears
   * removes it and kills the process before its ack (see crashOnceWhenFileExists).
   */
  crashBeforeAckFile?: string;
  /** In-process bus only: BUS_DEAD_LETTER_DIR, where dead letters are kept as files (see MemoryBusOptions). */
  deadLetterDir?: string;
}

/**
 * Creates the bus BUS_URL asks for: in-process when unset, RabbitMQ for `amqp://`/`amqps://` (connects
 * before resolving), an error for anything else. Typical use: `createBus({ url: process.env.BUS_URL })`.
 */
export async function createBus(options: CreateBusOptions = {}): Promise<Bus> {
  const url = options.url?.trim();
  if (!url) return new MemoryBus({ logger: options.logger, deadLetterDir: options.deadLetterDir });
  if (/^amqps?:\/\//i.test(url)) {
    return RabbitBus.connect({
      url,
      exchange: options.exchange,
      queuePrefix: options.queuePrefix,
      logger: options.logger,
      crashBeforeAck: options.crashBeforeAckFile ? crashOnceWhenFileExists(options.crashBeforeAckFile) : undefined,
    });
  }
  // Never echo the URL: it may carry a password.
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1];
  throw new Error(
    `BUS_URL must be unset (in-process bus) or an amqp:// or amqps:// URL; got ${scheme ? `a ${scheme}: URL` : "something else"}`,
  );
}
