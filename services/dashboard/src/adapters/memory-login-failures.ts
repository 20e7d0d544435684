import { LRUCache } from "lru-cache";
import { checkLimit, type LoginFailures, type LoginFailuresOptions } from "../domain/login-failures.ts";

/**
 * {@link LoginFailures} in this process's memory (one replica): each key's count and the end of its
 * window, at most `maxKeys` of them (the least recently used goes first).
 */
export function createMemoryLoginFailures(
  options: LoginFailuresOptions & { now?: () => number; maxKeys?: number },
): LoginFailures {
  const { max, windowMs } = checkLimit(options);
  const now = options.now ?? Date.now;
  const counts = new LRUCache<string, { count: number; resetAt: number }>({ max: options.maxKeys ?? 100_000 });
  const current = (key: string) => {
    const entry = counts.get(key);
    if (entry && entry.resetAt <= now()) {
      counts.delete(key);
      return undefined;
    }
    return entry;
  };
  return {
    async blockedFor(key) {
      const entry = current(key);
      if (!entry || entry.count < max) return 0;
      return Math.max(1, Math.ceil((entry.resetAt - now()) / 1000));
    },
    async record(key) {
      const entry = current(key);
      if (entry) entry.count += 1;
      else counts.set(key, { count: 1, resetAt: now() + windowMs });
    },
    async clear(key) {
      counts.delete(key);
    },
  };
}
