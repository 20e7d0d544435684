import { randomUUID } from "node:crypto";
import { readFileSync, unlinkSync } from "node:fs";
import amqp, { type ChannelModel, type ConfirmChannel, type ConsumeMessage, type Options } from "amqplib";
import { consoleLogger } from "./console-logger.ts";
import { deadLetterMessage, onFailure } from "./failure.ts";
import { encodePayload, payloadMessage } from "./payloads.ts";
import { assertRoutingKey, assertSubscription } from "./topic-pattern.ts";
import { consumeTraced, publishTraced } from "./trace-headers.ts";
import {
  type Bus,
  type BusHandler,
  type BusHeaders,
  type BusLogger,
  type BusMessage,
  type PublishOptions,
  type SubscribeOptions,
  subscribeOptions,
  type Unsubscribe,
} from "./types.ts";

/**
 * The socket options of every connection to the broker. `noDelay`: Nagle's algorithm off. amqplib leaves
 * it on, and a publish is several small frames: the broker's delayed ACK then held each publish and its
 * confirm for ~35 ms on loopback (0.8 ms with it off), on every hop of a message.
 */
export const AMQP_SOCKET_OPTIONS = { noDelay: true } as const;

/** Header with the delivery number of a retried or dead-lettered message (1 = first delivery). */
export const ATTEMPT_HEADER = "x-jeeves-attempt";
/** Header with the original routing key of a retried or dead-lettered message. */
export const ROUTING_KEY_HEADER = "x-jeeves-routing-key";
/** Header with the last handler error (message only, 500 characters at most) of a retried or dead message. */
export const ERROR_HEADER = "x-jeeves-error";

/** Header with the time (ISO 8601) a message went to the dead letters. */
export const DEAD_AT_HEADER = "x-jeeves-dead-at";

/** Options of the RabbitMQ bus. */
export interface RabbitBusOptions {
  /** `amqp://user:pass@host:port/vhost` or `amqps://…` (BUS_URL). */
  url: string;
  /** The topic exchange (default `jeeves`; tests use unique names). */
  exchange?: string;
  /** Put before every queue name (`<prefix><group>`, `.retry`, `.dead`): isolates test runs on a shared broker. */
  queuePrefix?: string;
  logger?: BusLogger;
  /** Reconnect when the connection drops (default true). */
  reconnect?: boolean;
  /** First reconnect delay in ms, doubled after each failure (default 100). */
  reconnectDelayMs?: number;
  /** Cap of the reconnect delay in ms (default 10000). */
  maxReconnectDelayMs?: number;
  /**
   * Fault injection, for fault tests only: asked after each handler succeeded and before its ack; true
   * kills this process there (SIGKILL), as a crash between handling a message and acking it would. The
   * broker then delivers the message again. See {@link crashOnceWhenFileExists}.
   */
  crashBeforeAck?: (message: BusMessage) => boolean;
}

interface Subscription {
  pattern: string;
  group: string;
  handler: BusHandler;
  options: Required<SubscribeOptions>;
  channel?: ConfirmChannel;
  consumerTag?: string;
  inFlight: Set<Promise<void>>;
  /** Set when unsubscribe or close began: a delivery that still arrives is handed back, not started. */
  stopping?: boolean;
}

interface Waiter {
  resolve(): void;
  reject(error: Error): void;
}

/** Names of the queues of a consumer group: the group's queue, its retry (delay) queue and its dead letters. */
export function groupQueues(group: string, prefix = ""): { main: string; retry: string; dead: string } {
  const main = `${prefix}${group}`;
  return { main, retry: `${main}.retry`, dead: `${main}.dead` };
}

/**
 * The RabbitMQ bus (amqplib): a durable topic exchange, one durable queue per group, publisher confirms,
 * persistent messages, manual ack after the handler succeeded, retries through a per-group delay queue
 * (`<group>.retry`, per-message TTL, dead-lettered back to `<group>`), dead letters in `<group>.dead`,
 * and reconnection with capped exponential backoff. Create it with `RabbitBus.connect`.
 */
export class RabbitBus implements Bus {
  readonly #url: string;
  readonly #exchange: string;
  readonly #queuePrefix: string;
  readonly #logger: BusLogger;
  readonly #reconnect: boolean;
  readonly #reconnectDelayMs: number;
  readonly #maxReconnectDelayMs: number;
  readonly #subscriptions = new Set<Subscription>();
  #model?: ChannelModel;
  #publisher?: ConfirmChannel;
  #waiters: Waiter[] = [];
  #closed = false;
  #reconnectTimer?: NodeJS.Timeout;
  #wakeReconnect?: () => void;
  readonly #crashBeforeAck?: (message: BusMessage) => boolean;

  private constructor(options: RabbitBusOptions) {
    this.#url = options.url;
    this.#exchange = options.exchange ?? "jeeves";
    this.#queuePrefix = options.queuePrefix ?? "";
    this.#logger = options.logger ?? consoleLogger;
    this.#reconnect = options.reconnect ?? true;
    this.#reconnectDelayMs = options.reconnectDelayMs ?? 100;
    this.#maxReconnectDelayMs = options.maxReconnectDelayMs ?? 10_000;
    this.#crashBeforeAck = options.crashBeforeAck;
  }

  /** Connects, declares the exchange and resolves to the bus; rejects when the broker cannot be reached. */
  static async connect(options: RabbitBusOptions): Promise<RabbitBus> {
    const bus = new RabbitBus(options);
    await bus.#connect();
    return bus;
  }

  /** The current amqplib connection (undefined while reconnecting); for tests and diagnostics. */
  get connection(): ChannelModel | undefined {
    return this.#model;
  }

  /** Publishes a persistent message to the exchange; resolves after the broker's confirm. */
  async publish(routingKey: string, message: Uint8Array | object, options: PublishOptions = {}): Promise<void> {
    if (this.#closed) throw new Error("bus: closed");
    assertRoutingKey(routingKey);
    const body = message instanceof Uint8Array ? message : encodePayload(routingKey, message);
    await this.#whenReady();
    // In a producer span: the headers carry its traceparent (trace-headers.ts).
    await publishTraced(routingKey, options.headers, async (headers) => {
      const properties: Options.Publish = {
        persistent: true,
        messageId: options.id ?? randomUUID(),
        timestamp: Math.floor(Date.now() / 1000),
        contentType: payloadMessage(routingKey) ? "application/x-protobuf" : "application/octet-stream",
        headers: applicationHeaders(headers),
      };
      await confirmPublish(this.#publisher!, this.#exchange, routingKey, body, properties);
    });
  }

  /**
   * Declares the group's queues, binds `<group>` to `pattern` and starts consuming. A `transient` group
   * gets one exclusive, auto-deleted queue instead (see SubscribeOptions.transient).
   */
  async subscribe(
    pattern: string,
    group: string,
    handler: BusHandler,
    options?: SubscribeOptions,
  ): Promise<Unsubscribe> {
    if (this.#closed) throw new Error("bus: closed");
    assertSubscription(pattern, group);
    const subscription: Subscription = {
      pattern,
      group,
      handler,
      options: subscribeOptions(options),
      inFlight: new Set(),
    };
    await this.#whenReady();
    await this.#consume(this.#model!, subscription);
    this.#subscriptions.add(subscription);
    return async () => {
      if (!this.#subscriptions.delete(subscription)) return;
      await this.#stopConsuming(subscription);
      await Promise.allSettled([...subscription.inFlight]);
      await subscription.channel?.close().catch(() => {});
      subscription.channel = undefined;
    };
  }

  /** How many dead letters the groups subscribed here hold (`<group>.dead` queues), for the metrics. */
  async deadLetterCount(): Promise<number> {
    await this.#whenReady();
    const groups = new Set([...this.#subscriptions].filter((s) => !s.options.transient).map((s) => s.group));
    let total = 0;
    for (const group of groups) {
      const channel = await this.#model!.createChannel();
      channel.on("error", () => {});
      try {
        total += (await channel.checkQueue(groupQueues(group, this.#queuePrefix).dead)).messageCount;
      } catch {
        // Not declared (yet): none.
      } finally {
        await channel.close().catch(() => {});
      }
    }
    return total;
  }

  /** Stops consuming, waits for running handlers, then closes the channels and the connection. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    clearTimeout(this.#reconnectTimer);
    this.#wakeReconnect?.();
    for (const waiter of this.#waiters.splice(0)) waiter.reject(new Error("bus: closed"));
    const subscriptions = [...this.#subscriptions];
    this.#subscriptions.clear();
    await Promise.allSettled(subscriptions.map((s) => this.#stopConsuming(s)));
    await Promise.allSettled(subscriptions.flatMap((s) => [...s.inFlight]));
    await Promise.allSettled(subscriptions.map((s) => s.channel?.close()));
    const model = this.#model;
    this.#model = undefined;
    this.#publisher = undefined;
    await model?.close().catch(() => {});
  }

  async #connect(): Promise<void> {
    const model = await amqp.connect(this.#url, AMQP_SOCKET_OPTIONS);
    let lost = false;
    model.on("error", (error: Error) => this.#logger.warn({ error: error.message }, "connection error"));
    model.on("close", () => {
      lost = true;
      this.#connectionLost(model);
    });
    try {
      const publisher = await model.createConfirmChannel();
      publisher.on("error", (error: Error) => this.#logger.warn({ error: error.message }, "publish channel error"));
      await publisher.assertExchange(this.#exchange, "topic", { durable: true });
      for (const subscription of this.#subscriptions) await this.#consume(model, subscription);
      if (lost) throw new Error("connection closed while connecting");
      this.#model = model;
      this.#publisher = publisher;
    } catch (error) {
      await model.close().catch(() => {});
      throw error;
    }
    for (const waiter of this.#waiters.splice(0)) waiter.resolve();
  }

  #connectionLost(model: ChannelModel): void {
    if (this.#closed || model !== this.#model) return;
    this.#model = undefined;
    this.#publisher = undefined;
    for (const subscription of this.#subscriptions) subscription.channel = undefined;
    if (!this.#reconnect) {
      this.#logger.error({}, "connection lost; reconnect is off");
      return;
    }
    this.#logger.warn({}, "connection lost; reconnecting");
    void this.#reconnectLoop();
  }

  async #reconnectLoop(): Promise<void> {
    let delay = this.#reconnectDelayMs;
    for (let attempt = 1; !this.#closed; attempt++) {
      await new Promise<void>((resolve) => {
        this.#wakeReconnect = resolve;
        this.#reconnectTimer = setTimeout(resolve, delay);
      });
      if (this.#closed) return;
      try {
        await this.#connect();
        this.#logger.info({ attempt }, "reconnected");
        return;
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        this.#logger.warn({ attempt, error: reason, retryInMs: delay }, "reconnect failed");
        delay = Math.min(delay * 2, this.#maxReconnectDelayMs);
      }
    }
  }

  #whenReady(): Promise<void> {
    if (this.#closed) return Promise.reject(new Error("bus: closed"));
    if (this.#publisher) return Promise.resolve();
    return new Promise((resolve, reject) => this.#waiters.push({ resolve, reject }));
  }

  async #consume(model: ChannelModel, subscription: Subscription): Promise<void> {
    const { group, pattern, options } = subscription;
    const queues = groupQueues(group, this.#queuePrefix);
    const channel = await model.createConfirmChannel();
    channel.on("error", (error: Error) => this.#logger.warn({ group, error: error.message }, "consumer channel error"));
    try {
      await channel.prefetch(options.prefetch);
      await channel.assertExchange(this.#exchange, "topic", { durable: true });
      if (options.transient) {
        // This connection's alone, gone with it (a reconnect declares it anew): no retry or dead-letter queue.
        await channel.assertQueue(queues.main, { durable: false, exclusive: true, autoDelete: true });
        await channel.bindQueue(queues.main, this.#exchange, pattern);
      } else {
        await channel.assertQueue(queues.main, { durable: true });
        await channel.bindQueue(queues.main, this.#exchange, pattern);
        await channel.assertQueue(queues.retry, {
          durable: true,
          arguments: { "x-dead-letter-exchange": "", "x-dead-letter-routing-key": queues.main },
        });
        await channel.assertQueue(queues.dead, { durable: true });
      }
      const { consumerTag } = await channel.consume(queues.main, (message) => {
        if (!message) return;
        if (subscription.stopping) this.#handBack(channel, message);
        else this.#deliver(subscription, channel, message);
      });
      subscription.channel = channel;
      subscription.consumerTag = consumerTag;
    } catch (error) {
      await channel.close().catch(() => {});
      throw error;
    }
  }

  /**
   * Stops taking deliveries (basic.cancel): a message the broker had already sent (prefetched) but whose
   * handler has not started goes back to the queue for another consumer; handlers running finish.
   */
  async #stopConsuming(subscription: Subscription): Promise<void> {
    subscription.stopping = true;
    const { channel, consumerTag } = subscription;
    if (channel && consumerTag) await channel.cancel(consumerTag).catch(() => {});
  }

  /** Returns a delivery that was not started to its queue (closing the channel would too). */
  #handBack(channel: ConfirmChannel, raw: ConsumeMessage): void {
    try {
      channel.nack(raw, false, true);
    } catch {
      // The channel is gone: the broker requeues the unacked message by itself.
    }
  }

  #deliver(subscription: Subscription, channel: ConfirmChannel, raw: ConsumeMessage): void {
    const headers = (raw.properties.headers ?? {}) as BusHeaders;
    const attempt = Number(headers[ATTEMPT_HEADER] ?? 1) || 1;
    const routingKey =
      typeof headers[ROUTING_KEY_HEADER] === "string" ? headers[ROUTING_KEY_HEADER] : raw.fields.routingKey;
    const id = typeof raw.properties.messageId === "string" ? raw.properties.messageId : randomUUID();
    const message: BusMessage = {
      routingKey,
      body: new Uint8Array(raw.content),
      headers: applicationHeaders(headers),
      attempt,
      id,
    };
    const task = this.#handle(subscription, channel, raw, message).finally(() => subscription.inFlight.delete(task));
    subscription.inFlight.add(task);
  }

  async #handle(subscription: Subscription, channel: ConfirmChannel, raw: ConsumeMessage, message: BusMessage) {
    const fields = {
      group: subscription.group,
      routingKey: message.routingKey,
      id: message.id,
      attempt: message.attempt,
    };
    try {
      await consumeTraced(message, subscription.group, () => subscription.handler(message));
    } catch (error) {
      await this.#failed(subscription, channel, raw, message, error);
      return;
    }
    if (this.#crashBeforeAck?.(message)) {
      this.#logger.error(fields, "fault injection: crashing after handling, before the ack");
      process.kill(process.pid, "SIGKILL");
    }
    try {
      channel.ack(raw);
    } catch {
      this.#logger.warn(fields, "could not ack (channel closed); the broker will redeliver");
    }
  }

  async #failed(
    subscription: Subscription,
    channel: ConfirmChannel,
    raw: ConsumeMessage,
    message: BusMessage,
    error: unknown,
  ): Promise<void> {
    const { group, options } = subscription;
    const reason = (error instanceof Error ? error.message : String(error)).slice(0, 500);
    const fields = { group, routingKey: message.routingKey, id: message.id, attempt: message.attempt, error: reason };
    if (options.transient) {
      // A transient group has no retry or dead-letter queue.
      this.#logger.error(fields, "handler failed on a transient subscription: message dropped");
      try {
        channel.ack(raw);
      } catch {
        // The channel is gone, and the exclusive queue with it.
      }
      return;
    }
    const outcome = onFailure(error, message.attempt, options);
    const dead = outcome.dead;
    const queues = groupQueues(group, this.#queuePrefix);
    const properties: Options.Publish = {
      persistent: true,
      messageId: message.id,
      contentType: raw.properties.contentType,
      timestamp: raw.properties.timestamp,
      headers: {
        ...message.headers,
        [ROUTING_KEY_HEADER]: message.routingKey,
        [ATTEMPT_HEADER]: dead ? message.attempt : message.attempt + 1,
        [ERROR_HEADER]: reason,
        ...(dead && { [DEAD_AT_HEADER]: new Date().toISOString() }),
      },
      ...(outcome.dead ? {} : { expiration: String(outcome.delayMs) }),
    };
    try {
      await confirmPublish(channel, "", dead ? queues.dead : queues.retry, message.body, properties);
      channel.ack(raw);
    } catch (moveError) {
      const moveReason = moveError instanceof Error ? moveError.message : String(moveError);
      this.#logger.error({ ...fields, moveError: moveReason }, "could not move the failed message; requeueing it");
      try {
        channel.nack(raw, false, true);
      } catch {
        // The channel is gone: the broker redelivers the unacked message.
      }
      return;
    }
    if (outcome.dead) this.#logger.error({ ...fields, queue: queues.dead }, deadLetterMessage(outcome));
    else this.#logger.warn({ ...fields, retryInMs: outcome.delayMs }, "handler failed, will retry");
  }
}

function confirmPublish(
  channel: ConfirmChannel,
  exchange: string,
  routingKey: string,
  body: Uint8Array,
  properties: Options.Publish,
): Promise<void> {
  return new Promise((resolve, reject) => {
    try {
      channel.publish(exchange, routingKey, Buffer.from(body), properties, (error) =>
        error ? reject(error instanceof Error ? error : new Error(String(error))) : resolve(),
      );
    } catch (error) {
      reject(error);
    }
  });
}

/** Headers without the bus's own (`x-jeeves-*`) and RabbitMQ's (`x-death`, `x-first-death-*`…) entries. */
function applicationHeaders(headers: BusHeaders): BusHeaders {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !name.startsWith("x-")));
}

/**
 * A {@link RabbitBusOptions.crashBeforeAck} that crashes once, when `file` exists (a fault test creates
 * it when it wants the crash): for a message whose routing key starts with the file's text, the first
 * process to remove the file crashes, the others go on. An empty file (being written) crashes nothing.
 */
export function crashOnceWhenFileExists(file: string): (message: BusMessage) => boolean {
  return (message) => {
    let wanted: string;
    try {
      wanted = readFileSync(file, "utf8").trim();
    } catch {
      return false;
    }
    if (wanted === "" || !message.routingKey.startsWith(wanted)) return false;
    try {
      unlinkSync(file);
      return true;
    } catch {
      return false;
    }
  };
}
