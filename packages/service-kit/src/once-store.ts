import { createHash, randomUUID } from "node:crypto";
import { LRUCache } from "lru-cache";
import type { SharedRedis } from "./redis.ts";

/**
 * What {@link OnceStore.claim} found:
 * - `claimed`: the work is this caller's, for the lease; it calls `complete()` once the work is done (the
 *   key is then `done` for the store's `doneMs`) or `release()` when it failed (the next delivery claims
 *   it again);
 * - `done`: someone completed it already: drop the repeat;
 * - `busy`: someone holds an unexpired lease (working on it now, or crashed while working): try again in
 *   `retryInMs`, when the lease has been completed, released or has expired.
 */
export type Claim =
  | { status: "claimed"; complete(): Promise<void>; release(): Promise<void> }
  | { status: "done" }
  | { status: "busy"; retryInMs: number };

/**
 * Work done once per key (a Slack event, a posted reply, a chat message answered) across deliveries and,
 * with Redis, across the replicas of a service. A lease (not a plain "seen" mark) is taken first, so
 * that a replica that crashes in the middle does not make the work lost: once its lease expires the
 * next delivery does it.
 */
export interface OnceStore {
  /** Claims `key` (see {@link Claim}). */
  claim(key: string): Promise<Claim>;
}

/** Timings of a {@link OnceStore}. */
export interface OnceStoreOptions {
  /** How long a claim holds before someone else may take it over: longer than the work ever takes. */
  leaseMs: number;
  /** How long a completed key is remembered: longer than repeats keep coming. */
  doneMs: number;
}

/** Options of {@link createMemoryOnceStore}. */
export interface MemoryOnceStoreOptions extends OnceStoreOptions {
  /** Most keys kept; the least recently claimed goes first. Default 100 000. */
  max?: number;
  /** The clock in ms (a fake one in tests). Default `Date.now`. */
  now?: () => number;
}

/** Options of {@link createRedisOnceStore}. */
export interface RedisOnceStoreOptions extends OnceStoreOptions {
  /** Put after the connection's prefix, before the key: what the keys are (`slackbot:event:`). */
  namespace: string;
  /** Where a Redis failure is reported (the store then lets the work through, unguarded). */
  log: { warn(fields: Record<string, unknown>, message: string): void };
}

const DONE = "done";
const LONGEST_KEY = 200;

function checkTimings({ leaseMs, doneMs }: OnceStoreOptions): void {
  if (!(Number.isInteger(leaseMs) && leaseMs > 0)) throw new RangeError("leaseMs must be a positive integer");
  if (!(Number.isInteger(doneMs) && doneMs > 0)) throw new RangeError("doneMs must be a positive integer");
}

/** A key of at most 200 characters: a longer one (it holds what a client sent) is hashed. */
export function boundedKey(key: string): string {
  return key.length <= LONGEST_KEY ? key : `sha256:${createHash("sha256").update(key).digest("base64url")}`;
}

/**
 * A {@link OnceStore} in this process's memory (one replica; the embedded default), on `lru-cache`:
 * bounded by `max` keys, each dropped when its lease or its `doneMs` has passed.
 */
export function createMemoryOnceStore(options: MemoryOnceStoreOptions): OnceStore {
  checkTimings(options);
  const max = options.max ?? 100_000;
  if (!(Number.isInteger(max) && max >= 1)) throw new RangeError("max must be a positive integer");
  const now = options.now ?? Date.now;
  const keys = new LRUCache<string, string>({ max, perf: { now }, ttlResolution: 0, ttlAutopurge: false });
  return {
    async claim(key) {
      const held = keys.get(key);
      if (held === DONE) return { status: "done" };
      if (held !== undefined) return { status: "busy", retryInMs: Math.max(1, keys.getRemainingTTL(key)) };
      const token = randomUUID();
      keys.set(key, token, { ttl: options.leaseMs });
      return {
        status: "claimed",
        complete: async () => {
          keys.set(key, DONE, { ttl: options.doneMs });
        },
        release: async () => {
          if (keys.peek(key) === token) keys.delete(key);
        },
      };
    },
  };
}

// Atomic: take the lease when the key is free, else say whether it is done or held (and for how long).
const CLAIM = `
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return {1, 0} end
if redis.call('GET', KEYS[1]) == '${DONE}' then return {2, 0} end
return {3, redis.call('PTTL', KEYS[1])}
`;
// Drops the lease only if it is still this caller's (not one taken over after it expired).
const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`;

/**
 * A {@link OnceStore} in Redis, shared by every replica: the claim is one atomic `SET key lease NX PX
 * leaseMs` (a Lua script that also answers `done` or the lease's remaining time when the key is taken);
 * `complete()` overwrites the key with `done` for `doneMs`; `release()` deletes it if the lease is still
 * the caller's. Keys: `<REDIS_KEY_PREFIX><namespace><key>`. While Redis cannot be reached the store fails
 * open: a claim is granted unguarded (a repeat may then be handled twice, never lost) and a warning logged.
 */
export function createRedisOnceStore(redis: SharedRedis, options: RedisOnceStoreOptions): OnceStore {
  checkTimings(options);
  const { client } = redis;
  const prefix = `${redis.keyPrefix}${options.namespace}`;
  const unguarded = async () => {};
  return {
    async claim(key) {
      const redisKey = `${prefix}${boundedKey(key)}`;
      const token = `lease:${randomUUID()}`;
      let answer: [number, number];
      try {
        answer = (await client.eval(CLAIM, 1, redisKey, token, options.leaseMs)) as [number, number];
      } catch (error) {
        options.log.warn({ err: error, namespace: options.namespace }, "Redis claim failed: handled unguarded");
        return { status: "claimed", complete: unguarded, release: unguarded };
      }
      const [status, ttl] = answer;
      if (status === 2) return { status: "done" };
      if (status === 3) return { status: "busy", retryInMs: Math.max(1, ttl) };
      return {
        status: "claimed",
        complete: async () => {
          try {
            await client.set(redisKey, DONE, "PX", options.doneMs);
          } catch (error) {
            // The lease stays until it expires; a repeat after that would be handled again.
            options.log.warn({ err: error, namespace: options.namespace }, "Redis could not record a completion");
          }
        },
        release: async () => {
          try {
            await client.eval(RELEASE, 1, redisKey, token);
          } catch (error) {
            // The lease expires by itself; a repeat before that is told to come back later.
            options.log.warn({ err: error, namespace: options.namespace }, "Redis could not release a claim");
          }
        },
      };
    },
  };
}

/** Options of {@link createOnceStore}. */
export interface OnceStoreChoice extends OnceStoreOptions {
  /** The service's Redis (`app.redis`): a Redis store when set, else one in memory. */
  redis: SharedRedis | null | undefined;
  /** The Redis keys' namespace (`slackbot:event:`). */
  namespace: string;
  /** The memory store's clock. */
  now?: () => number;
  /** Where the Redis store reports failures. */
  log: RedisOnceStoreOptions["log"];
}

/** A Redis {@link OnceStore} when the service has Redis (`REDIS_URL`), else one in memory. */
export function createOnceStore(options: OnceStoreChoice): OnceStore {
  const { redis, namespace, leaseMs, doneMs, now, log } = options;
  return redis
    ? createRedisOnceStore(redis, { namespace, leaseMs, doneMs, log })
    : createMemoryOnceStore({ leaseMs, doneMs, now });
}
