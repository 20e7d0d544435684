import type { FastifyBaseLogger, FastifyInstance } from "fastify";
import fp from "fastify-plugin";
import type { Redis } from "ioredis";
import { type ConnectRetry, connectWithRetry } from "./connect-retry.ts";

/** The default prefix of every Redis key a service writes (`REDIS_KEY_PREFIX`). */
export const DEFAULT_REDIS_KEY_PREFIX = "jeeves:";

/** A service's Redis connection and the prefix its keys start with. */
export interface SharedRedis {
  /** The ioredis client: connected at start-up, no offline queue (a command fails at once while Redis is down). */
  readonly client: Redis;
  /** Put before every key (`REDIS_KEY_PREFIX`, default `jeeves:`): tests isolate themselves with their own. */
  readonly keyPrefix: string;
}

/** Options of {@link redisPlugin}. */
export interface RedisPluginOptions {
  /** `REDIS_URL` (`redis://` or `rediss://`). Unset: no Redis, `app.redis` is null and shared state stays in memory. */
  url?: string;
  /** `REDIS_KEY_PREFIX`; default {@link DEFAULT_REDIS_KEY_PREFIX}. */
  keyPrefix?: string;
  /** How often Redis is tried at start-up while it is not there yet (`STARTUP_CONNECT_*`). Default the kit's. */
  connectRetry?: ConnectRetry;
}

declare module "fastify" {
  interface FastifyInstance {
    /** The service's Redis connection (`REDIS_URL`), or null when it keeps its shared state in memory. */
    redis: SharedRedis | null;
  }
}

/**
 * One attempt at connecting to Redis at `url` (ioredis, loaded only now: without REDIS_URL it costs
 * start-up time for nothing). Rejects with the socket's error (its `code`, say ECONNREFUSED, kept for
 * connectWithRetry). Once connected, an outage is logged once (and the return once); commands fail at
 * once meanwhile (no offline queue).
 */
async function openRedis(url: string, log: Pick<FastifyBaseLogger, "warn" | "info">): Promise<Redis> {
  const { Redis } = await import("ioredis");
  const redis = new Redis(url, { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 1 });
  let connected = false;
  let down = false;
  let failure: Error | undefined;
  redis.on("error", (error: Error) => {
    if (!connected) {
      failure ??= error;
      return;
    }
    if (down) return;
    down = true;
    log.warn({ err: error }, "Redis is unreachable: rate limits pass and shared state is not shared until it is back");
  });
  redis.on("ready", () => {
    if (!down) return;
    down = false;
    log.info("Redis is back");
  });
  try {
    await redis.connect();
  } catch (error) {
    redis.disconnect();
    throw failure ?? error;
  }
  connected = true;
  return redis;
}

/**
 * Connects to Redis at `url` in one attempt; rejects, naming REDIS_URL but never the URL (it may hold a
 * password), when Redis cannot be reached. Later outages are logged once (and the return once).
 */
export async function connectRedis(url: string, log: Pick<FastifyBaseLogger, "warn" | "info">): Promise<Redis> {
  try {
    return await openRedis(url, log);
  } catch (error) {
    throw new Error(`cannot reach Redis at REDIS_URL (${(error as Error).message})`, { cause: error });
  }
}

/**
 * Closes a client: QUIT when connected (pending replies first), else drops the socket (and any
 * reconnect timer); resolves once the connection has ended, so nothing of it keeps the process alive.
 */
export async function closeRedis(redis: Redis): Promise<void> {
  if (redis.status === "end") return;
  const ended = new Promise<void>((resolve) => redis.once("end", () => resolve()));
  if (redis.status === "ready") await redis.quit().catch(() => redis.disconnect());
  else redis.disconnect();
  await ended;
}

/**
 * Decorates `app.redis` with the service's one Redis connection when `url` is set, closed when the app
 * closes; null otherwise. It is made at start-up, tried again while Redis is not there yet (a line per
 * attempt, see connectWithRetry); a Redis that never answers fails the start with a StartupError naming
 * REDIS_URL (its password redacted). The rate limits, dedupes and single-use stores of the service all use it.
 */
export const redisPlugin = fp(
  async (app: FastifyInstance, options: RedisPluginOptions) => {
    if (!options.url) {
      app.decorate("redis", null);
      return;
    }
    const url = options.url;
    const client = await connectWithRetry({
      variable: "REDIS_URL",
      url,
      retry: options.connectRetry,
      logger: app.log,
      connect: () => openRedis(url, app.log),
    });
    app.decorate("redis", { client, keyPrefix: options.keyPrefix ?? DEFAULT_REDIS_KEY_PREFIX });
    app.addHook("onClose", () => closeRedis(client));
  },
  { name: "jeeves-redis" },
);
