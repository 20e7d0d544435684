import { createHash } from "node:crypto";
import fastifyRateLimit, { normalizeIP, type RateLimitOptions } from "@fastify/rate-limit";
import type { FastifyInstance, FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import type { Redis } from "ioredis";
import { KIT_ERR } from "./errors.ts";
import { closeRedis, connectRedis } from "./redis.ts";

/** Options of the rate limit plugin. */
export interface RateLimitPluginOptions {
  /**
   * A `redis://` (or `rediss://`) URL: the counters live there, shared by every instance of the service.
   * Without it they are kept in memory, per process. The connection is made at start-up (a Redis that
   * cannot be reached fails the start) and closed with the app.
   */
  redisUrl?: string;
  /**
   * A Redis connection to count in instead (the service's `app.redis`, see redisPlugin): used as it
   * is and left open (its owner closes it). `redisUrl` wins when both are given.
   */
  redis?: Redis;
  /** Prefix of the Redis keys. Default `jeeves:rate-limit:`; the route's method and path follow. */
  keyPrefix?: string;
}

/** A rate limit on one operation: at most `max` requests per key within a window. */
export interface OperationRateLimit {
  /** Requests allowed per key and window; the next ones get 429. */
  max: number;
  /** The window in milliseconds. Default 60000. */
  windowMs?: number;
  /** The key a request is counted under. Default its IP address ({@link requestIp}). */
  key?: (request: FastifyRequest) => string;
  /**
   * When it is counted: `onRequest` (default, before the body is read) or `preValidation`, when the
   * key needs the parsed body (a form's `client_id`, a JSON `email`).
   */
  hook?: "onRequest" | "preValidation";
}

const LONGEST_KEY = 128;
/**
 * Keys an operation keeps in memory without Redis, least recently used dropped first (the plugin's
 * default, 5000, would let a client that sends many keys push another's count out).
 */
const MEMORY_KEYS = 100_000;

/** The client's IP address as the limits count it (an IPv6 address by its /64). */
export function requestIp(request: FastifyRequest): string {
  return normalizeIP(request.ip);
}

/** A key of at most 128 characters: a longer one (it holds what the client sent) is hashed. */
function boundedKey(key: string): string {
  return key.length <= LONGEST_KEY ? key : `sha256:${createHash("sha256").update(key).digest("base64url")}`;
}

/** The `config.rateLimit` of a route for @fastify/rate-limit, from an operation's limit. */
export function routeRateLimit(limit: OperationRateLimit): RateLimitOptions {
  if (!(Number.isInteger(limit.max) && limit.max >= 1))
    throw new Error("a rate limit's max must be a positive integer");
  const key = limit.key ?? requestIp;
  return {
    max: limit.max,
    timeWindow: limit.windowMs ?? 60_000,
    hook: limit.hook ?? "onRequest",
    cache: MEMORY_KEYS,
    keyGenerator: (request) => boundedKey(key(request)),
  };
}

/** The 429 every limit answers: problem+json, code SERVICE_ERR_RATE_LIMITED, `Retry-After` in seconds. */
function tooManyRequests(_request: FastifyRequest, context: { max: number; ttl: number; after: string }) {
  const seconds = Math.max(1, Math.ceil(context.ttl / 1000));
  return KIT_ERR.RATE_LIMITED({
    detail: `more than ${context.max} requests; retry in ${seconds} s`,
    headers: { "retry-after": String(seconds) },
  });
}

/**
 * @fastify/rate-limit for the kit's routes: no global limit, only the operations given a `rateLimit`
 * (see `OperationHooks.rateLimit`) are counted. Counters are shared through Redis when `redisUrl` is
 * set, else kept in memory. A request over its limit gets 429 problem+json (SERVICE_ERR_RATE_LIMITED)
 * with `Retry-After`; while Redis is unreachable requests pass (the limit fails open, with a warning).
 */
export const rateLimit = fp(
  async (app: FastifyInstance, options: RateLimitPluginOptions) => {
    const own = options.redisUrl ? await connectRedis(options.redisUrl, app.log) : undefined;
    if (own) app.addHook("onClose", () => closeRedis(own));
    const redis = own ?? options.redis;
    await app.register(fastifyRateLimit, {
      global: false,
      errorResponseBuilder: tooManyRequests,
      skipOnError: true,
      ...(redis ? { redis, nameSpace: options.keyPrefix ?? "jeeves:rate-limit:" } : {}),
    });
  },
  { name: "jeeves-rate-limit" },
);
