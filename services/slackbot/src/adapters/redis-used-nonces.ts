import { boundedKey, type SharedRedis } from "@jeeves/service-kit";
import type { UsedNonces } from "../domain/used-nonces.ts";

/** Options of {@link createRedisUsedNonces}. */
export interface RedisUsedNoncesOptions {
  /** The app's Redis connection and key prefix. */
  redis: SharedRedis;
  /** The clock in ms (the app's): a nonce is kept until its state's expiry by this clock. */
  now: () => number;
  /** Where a Redis failure is reported (the state is then refused). */
  log: { warn(fields: Record<string, unknown>, message: string): void };
}

/**
 * {@link UsedNonces} in Redis, shared by every slackbot replica: one atomic `SET
 * <prefix>slackbot:install-nonce:<nonce> 1 NX PX <until the state expires>`, so a state completes one
 * install whichever replica its callback reaches. An already expired state needs no key (it is refused
 * anyway); when Redis cannot answer the nonce is refused (the person starts the install again).
 */
export function createRedisUsedNonces(options: RedisUsedNoncesOptions): UsedNonces {
  const { client, keyPrefix } = options.redis;
  return {
    async useOnce(nonce, expiresAtMs) {
      const ttl = Math.ceil(expiresAtMs - options.now());
      if (ttl <= 0) return true;
      try {
        const answer = await client.set(
          `${keyPrefix}slackbot:install-nonce:${boundedKey(nonce)}`,
          "1",
          "PX",
          ttl,
          "NX",
        );
        return answer === "OK";
      } catch (error) {
        options.log.warn({ err: error }, "Redis could not record an install state's use: the state is refused");
        return false;
      }
    },
  };
}
