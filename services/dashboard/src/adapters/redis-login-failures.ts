import type { SharedRedis } from "@jeeves/service-kit";
import { checkLimit, type LoginFailures, type LoginFailuresOptions } from "../domain/login-failures.ts";

// Atomic: count the failure, and start the window with the first one.
const RECORD = `
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return count
`;
// The count and the window's time left (a key without expiry, which RECORD never makes, counts as new).
const READ = `
local count = tonumber(redis.call('GET', KEYS[1]) or '0')
return {count, redis.call('PTTL', KEYS[1])}
`;

/**
 * {@link LoginFailures} in Redis, shared by every replica: one counter per key,
 * `<REDIS_KEY_PREFIX>dashboard:login-failures:<key>`, expiring with its window. While Redis cannot be
 * reached logins are not limited (like the kit's rate limits, it fails open) and a warning is logged.
 */
export function createRedisLoginFailures(
  redis: SharedRedis,
  options: LoginFailuresOptions & { log: { warn(fields: Record<string, unknown>, message: string): void } },
): LoginFailures {
  const { max, windowMs } = checkLimit(options);
  const prefix = `${redis.keyPrefix}dashboard:login-failures:`;
  const failed = (error: unknown, what: string) =>
    options.log.warn({ err: error }, `Redis ${what} failed: failed logins are not limited meanwhile`);
  return {
    async blockedFor(key) {
      try {
        const [count, ttl] = (await redis.client.eval(READ, 1, `${prefix}${key}`)) as [number, number];
        if (count < max || ttl <= 0) return 0;
        return Math.max(1, Math.ceil(ttl / 1000));
      } catch (error) {
        failed(error, "read of the failed logins");
        return 0;
      }
    },
    async record(key) {
      try {
        await redis.client.eval(RECORD, 1, `${prefix}${key}`, windowMs);
      } catch (error) {
        failed(error, "count of a failed login");
      }
    },
    async clear(key) {
      try {
        await redis.client.del(`${prefix}${key}`);
      } catch (error) {
        failed(error, "reset of the failed logins");
      }
    },
  };
}
