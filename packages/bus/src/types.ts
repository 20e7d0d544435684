/** Headers carried with a message (AMQP header table; values are strings, numbers or booleans). */
export type BusHeaders = Record<string, unknown>;

/** One delivery handed to a subscriber. */
export interface BusMessage {
  /** The routing key the message was published with, e.g. `chat.message.slack`. */
  routingKey: string;
  /** The payload bytes (protobuf for the routing keys of specs/asyncapi/bus.yaml). */
  body: Uint8Array;
  /** Application headers (the bus's own `x-jeeves-*` headers are removed). */
  headers: BusHeaders;
  /** 1 on the first delivery, 2 on the first retry, and so on. */
  attempt: number;
  /** The message id (given at publish or generated), stable across retries. */
  id: string;
}

/** A subscriber: resolve to acknowledge the message, throw (reject) to have it retried. */
export type BusHandler = (message: BusMessage) => Promise<void>;

/** Options of `Bus.publish`. */
export interface PublishOptions {
  /** The message id; a random UUID when absent. */
  id?: string;
  /** Application headers to send along. */
  headers?: BusHeaders;
}

/** Options of `Bus.subscribe`. */
export interface SubscribeOptions {
  /** How many messages one subscriber works on at once (default 10). */
  prefetch?: number;
  /** Deliveries before a failing message goes to the dead letters (default 5). */
  maxAttempts?: number;
  /** Wait before the first retry in milliseconds (default 5000). */
  retryDelayMs?: number;
  /** Each further retry waits this many times longer (default 2; 1 for a fixed delay). */
  retryBackoff?: number;
  /** The longest wait between two attempts in milliseconds (default 60000). */
  maxRetryDelayMs?: number;
  /**
   * A group of this process alone (default false): on RabbitMQ its queue is exclusive to the connection
   * and deleted with it (no retry or dead-letter queue: a message whose handler fails is logged and
   * dropped); the in-process bus forgets the group once its last subscriber leaves. For replies meant
   * for one replica (the local chat's `chat.reply.local.<replica>`).
   */
  transient?: boolean;
}

/** Stops a subscription and waits for its running handlers. */
export type Unsubscribe = () => Promise<void>;

/** Publish and subscribe by routing key over a topic exchange (in-process or RabbitMQ). */
export interface Bus {
  /**
   * Publishes a message; resolves once it is safely accepted (RabbitMQ: publisher confirm). A value that
   * is not a Uint8Array is encoded as the protobuf message the routing key's prefix names (see payloads).
   */
  publish(routingKey: string, message: Uint8Array | object, options?: PublishOptions): Promise<void>;
  /**
   * Delivers every message whose routing key matches `pattern` (`*` one word, `#` zero or more) to one
   * subscriber of `group` (one durable queue per group); resolves to an unsubscribe function.
   */
  subscribe(pattern: string, group: string, handler: BusHandler, options?: SubscribeOptions): Promise<Unsubscribe>;
  /** Stops consuming, waits for running handlers and releases connections. */
  close(): Promise<void>;
  /** How many dead letters the groups this bus knows hold (for the metrics' gauge; see dead-letters.ts). */
  deadLetterCount?(): Promise<number>;
}

/** Pino-style logger subset the bus writes to (fields first, then the message). */
export interface BusLogger {
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
  error(fields: Record<string, unknown>, message: string): void;
}

/** Defaults of SubscribeOptions. */
export const SUBSCRIBE_DEFAULTS = {
  prefetch: 10,
  maxAttempts: 5,
  retryDelayMs: 5000,
  retryBackoff: 2,
  maxRetryDelayMs: 60_000,
  transient: false,
} as const;

/** Fills SubscribeOptions with defaults and checks them. */
export function subscribeOptions(options: SubscribeOptions = {}): Required<SubscribeOptions> {
  const resolved = { ...SUBSCRIBE_DEFAULTS, ...stripUndefined(options) };
  if (typeof resolved.transient !== "boolean") throw new Error("bus: transient must be a boolean");
  const { transient: _transient, ...counts } = resolved;
  for (const [name, value] of Object.entries(counts)) {
    const min = name === "retryDelayMs" || name === "maxRetryDelayMs" ? 0 : 1;
    if (!Number.isInteger(value) || value < min) throw new Error(`bus: ${name} must be an integer >= ${min}`);
  }
  return resolved;
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
