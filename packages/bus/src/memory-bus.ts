import { randomUUID } from "node:crypto";
import { consoleLogger } from "./console-logger.ts";
import { DeadLetterFolder, type StoredDeadLetter } from "./dead-letters.ts";
import { deadLetterMessage, onFailure } from "./failure.ts";
import { encodePayload } from "./payloads.ts";
import { assertRoutingKey, assertSubscription, topicMatches } from "./topic-pattern.ts";
import { consumeTraced, publishTraced } from "./trace-headers.ts";
import {
  type Bus,
  type BusHandler,
  type BusHeaders,
  type BusLogger,
  type PublishOptions,
  type SubscribeOptions,
  subscribeOptions,
  type Unsubscribe,
} from "./types.ts";

/** A message that failed `maxAttempts` times, kept by the in-process bus for inspection. */
export interface DeadLetter {
  group: string;
  routingKey: string;
  body: Uint8Array;
  headers: BusHeaders;
  id: string;
  attempts: number;
  error: string;
}

interface Delivery {
  routingKey: string;
  body: Uint8Array;
  headers: BusHeaders;
  id: string;
  attempt: number;
}

interface Consumer {
  handler: BusHandler;
  options: Required<SubscribeOptions>;
  inFlight: Set<Promise<void>>;
  pattern: string;
}

interface Group {
  name: string;
  patterns: string[];
  consumers: Consumer[];
  queue: Delivery[];
  next: number;
}

/** Options of the in-process bus. */
export interface MemoryBusOptions {
  logger?: BusLogger;
  /**
   * BUS_DEAD_LETTER_DIR: also keep each dead letter as a file there, and replay those an operator asks
   * for (`npm run dead-letters -- replay <id>`; see dead-letters.ts). Default: in memory only.
   */
  deadLetterDir?: string;
  /** How often replay requests are looked for besides fs.watch, ms (default 1000). */
  replayPollMs?: number;
}

/**
 * The in-process bus: AMQP-like topic routing, one queue per group (it keeps messages while the group
 * has no subscriber), round robin among a group's subscribers, retries with delay and an in-memory
 * dead-letter list. Handlers run asynchronously: publish does not wait for them.
 */
export class MemoryBus implements Bus {
  /** Messages that failed `maxAttempts` times, oldest first. */
  readonly deadLetters: DeadLetter[] = [];
  readonly #groups = new Map<string, Group>();
  /** Retries waiting for their delay: put back on their group's queue if the bus closes first. */
  readonly #timers = new Map<NodeJS.Timeout, { group: Group; delivery: Delivery }>();
  readonly #logger: BusLogger;
  #closed = false;
  readonly #folder?: DeadLetterFolder;
  readonly #stopReplays?: () => void;

  constructor(options: MemoryBusOptions = {}) {
    this.#logger = options.logger ?? consoleLogger;
    if (options.deadLetterDir) {
      this.#folder = new DeadLetterFolder(options.deadLetterDir);
      this.#stopReplays = this.#folder.watchReplays((letter) => this.#replay(letter), options.replayPollMs);
    }
  }

  /** How many dead letters there are: the folder's files when there is one, else the in-memory list. */
  async deadLetterCount(): Promise<number> {
    return this.#folder ? this.#folder.count() : this.deadLetters.length;
  }

  /** Puts a dead letter back on its group's queue as a first delivery (same id), and forgets it. */
  #replay(letter: StoredDeadLetter): void {
    if (this.#closed) return;
    let group = this.#groups.get(letter.group);
    if (!group) {
      group = { name: letter.group, patterns: [], consumers: [], queue: [], next: 0 };
      this.#groups.set(letter.group, group);
    }
    const index = this.deadLetters.findIndex((dead) => dead.group === letter.group && dead.id === letter.id);
    if (index >= 0) this.deadLetters.splice(index, 1);
    const body = new Uint8Array(Buffer.from(letter.body, "base64"));
    group.queue.push({
      routingKey: letter.routingKey,
      body,
      headers: { ...letter.headers },
      id: letter.id,
      attempt: 1,
    });
    this.#logger.info({ group: letter.group, routingKey: letter.routingKey, id: letter.id }, "dead letter replayed");
    this.#schedule(group);
  }

  /** Messages waiting in a group's queue (not yet handed to a subscriber). */
  queued(group: string): number {
    return this.#groups.get(group)?.queue.length ?? 0;
  }

  /** Routes the message to every group with a matching pattern; resolves at once (handlers run later). */
  async publish(routingKey: string, message: Uint8Array | object, options: PublishOptions = {}): Promise<void> {
    if (this.#closed) throw new Error("bus: closed");
    assertRoutingKey(routingKey);
    const body = message instanceof Uint8Array ? message : encodePayload(routingKey, message);
    const id = options.id ?? randomUUID();
    // In a producer span: the headers carry its traceparent (trace-headers.ts).
    await publishTraced(routingKey, options.headers, async (headers) => {
      for (const group of this.#groups.values()) {
        if (!group.patterns.some((pattern) => topicMatches(pattern, routingKey))) continue;
        group.queue.push({ routingKey, body: body.slice(), headers: { ...headers }, id, attempt: 1 });
        this.#schedule(group);
      }
    });
  }

  /** Adds a subscriber to `group` and binds the group to `pattern`. */
  async subscribe(
    pattern: string,
    group: string,
    handler: BusHandler,
    options?: SubscribeOptions,
  ): Promise<Unsubscribe> {
    if (this.#closed) throw new Error("bus: closed");
    assertSubscription(pattern, group);
    let entry = this.#groups.get(group);
    if (!entry) {
      entry = { name: group, patterns: [], consumers: [], queue: [], next: 0 };
      this.#groups.set(group, entry);
    }
    if (!entry.patterns.includes(pattern)) entry.patterns.push(pattern);
    const consumer: Consumer = { handler, options: subscribeOptions(options), inFlight: new Set(), pattern };
    entry.consumers.push(consumer);
    this.#schedule(entry);
    const target = entry;
    return async () => {
      const index = target.consumers.indexOf(consumer);
      if (index >= 0) target.consumers.splice(index, 1);
      // A transient group is this subscriber's alone: it goes (with what it holds) once nobody listens.
      if (consumer.options.transient && target.consumers.length === 0 && this.#groups.get(group) === target) {
        this.#groups.delete(group);
      }
      await Promise.allSettled([...consumer.inFlight]);
    };
  }

  /**
   * Stops deliveries and waits for running handlers (each one's message is then done, or queued for a
   * retry). Messages not started stay in their group's queue, and so do retries waiting for their delay
   * (see `queued`): nothing is handed to a handler after close was called.
   */
  async close(): Promise<void> {
    this.#closed = true;
    this.#stopReplays?.();
    for (const [timer, waiting] of this.#timers) {
      clearTimeout(timer);
      waiting.group.queue.push(waiting.delivery);
    }
    this.#timers.clear();
    const running = [...this.#groups.values()].flatMap((g) => g.consumers.flatMap((c) => [...c.inFlight]));
    for (const group of this.#groups.values()) group.consumers = [];
    await Promise.allSettled(running);
  }

  /** Writes a dead letter to the folder, when there is one (a failure to write is logged, not thrown). */
  #keep(group: string, delivery: Delivery, reason: string): void {
    if (!this.#folder) return;
    try {
      this.#folder.add({
        id: delivery.id,
        group,
        routingKey: delivery.routingKey,
        reason,
        attempts: delivery.attempt,
        time: new Date().toISOString(),
        headers: delivery.headers,
        body: Buffer.from(delivery.body).toString("base64"),
      });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.#logger.error({ group, id: delivery.id, error: message }, "could not write the dead letter to its folder");
    }
  }

  #schedule(group: Group): void {
    setImmediate(() => this.#dispatch(group));
  }

  #dispatch(group: Group): void {
    while (!this.#closed && group.queue.length > 0) {
      const consumer = this.#nextConsumer(group);
      if (!consumer) return;
      this.#run(group, consumer, group.queue.shift()!);
    }
  }

  #nextConsumer(group: Group): Consumer | undefined {
    const count = group.consumers.length;
    for (let i = 0; i < count; i++) {
      const consumer = group.consumers[(group.next + i) % count];
      if (consumer.inFlight.size < consumer.options.prefetch) {
        group.next = (group.next + i + 1) % count;
        return consumer;
      }
    }
    return undefined;
  }

  #run(group: Group, consumer: Consumer, delivery: Delivery): void {
    const task = (async () => {
      try {
        const message = { ...delivery, body: delivery.body.slice(), headers: { ...delivery.headers } };
        await consumeTraced(message, group.name, () => consumer.handler(message));
      } catch (error) {
        this.#failed(group, consumer.options, delivery, error);
      }
    })().finally(() => {
      consumer.inFlight.delete(task);
      this.#schedule(group);
    });
    consumer.inFlight.add(task);
  }

  #failed(group: Group, options: Required<SubscribeOptions>, delivery: Delivery, error: unknown): void {
    const fields = { group: group.name, routingKey: delivery.routingKey, id: delivery.id, attempt: delivery.attempt };
    const reason = error instanceof Error ? error.message : String(error);
    const outcome = onFailure(error, delivery.attempt, options);
    if (outcome.dead) {
      this.deadLetters.push({
        group: group.name,
        routingKey: delivery.routingKey,
        body: delivery.body,
        headers: delivery.headers,
        id: delivery.id,
        attempts: delivery.attempt,
        error: reason,
      });
      this.#keep(group.name, delivery, reason);
      this.#logger.error({ ...fields, error: reason }, deadLetterMessage(outcome));
      return;
    }
    this.#logger.warn({ ...fields, error: reason, retryInMs: outcome.delayMs }, "handler failed, will retry");
    const retry = { ...delivery, attempt: delivery.attempt + 1 };
    // Closed while the handler ran: the retry waits in the queue, with no timer to keep the process up.
    if (this.#closed) {
      group.queue.push(retry);
      return;
    }
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      group.queue.push(retry);
      this.#dispatch(group);
    }, outcome.delayMs);
    this.#timers.set(timer, { group, delivery: retry });
  }
}
