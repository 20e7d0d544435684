import type { SharedRedis } from "@jeeves/service-kit";
import { newSession, type SessionStore, type StoredSession, storageKey } from "../domain/session.ts";
import { ERR } from "../errors.ts";

/** Options of {@link createRedisSessionStore}. */
export interface RedisSessionStoreOptions {
  /** How long a session lasts, ms. */
  ttlMs: number;
  /** The clock, ms. Default `Date.now`. */
  now?: () => number;
}

function parse(text: string | null): StoredSession | undefined {
  if (!text) return undefined;
  try {
    const value = JSON.parse(text) as Partial<StoredSession>;
    if (typeof value.userId !== "string" || typeof value.csrfToken !== "string") return undefined;
    if (typeof value.expiresAt !== "number") return undefined;
    return value as StoredSession;
  } catch {
    return undefined;
  }
}

/**
 * Sessions in Redis, shared by every replica: `<REDIS_KEY_PREFIX>dashboard:session:<SHA-256 of the id>`
 * holds the person's id, the CSRF token and the end, and expires with the session. While Redis cannot
 * be reached nobody is logged in: 503 `DASHBOARD_ERR_SESSIONS_UNAVAILABLE` (a session store fails closed).
 */
export function createRedisSessionStore(redis: SharedRedis, options: RedisSessionStoreOptions): SessionStore {
  const now = options.now ?? Date.now;
  const keyOf = (id: string) => `${redis.keyPrefix}dashboard:session:${storageKey(id)}`;
  const unavailable = (cause: unknown) =>
    ERR.SESSIONS_UNAVAILABLE({ detail: "the sessions cannot be reached", headers: { "retry-after": "5" }, cause });
  return {
    async create(userId) {
      const session = newSession(userId, options.ttlMs, now());
      const { id, ...stored } = session;
      try {
        await redis.client.set(keyOf(id), JSON.stringify(stored), "PX", options.ttlMs);
      } catch (error) {
        throw unavailable(error);
      }
      return session;
    },
    async find(id) {
      let text: string | null;
      try {
        text = await redis.client.get(keyOf(id));
      } catch (error) {
        throw unavailable(error);
      }
      const stored = parse(text);
      if (!stored || stored.expiresAt <= now()) return undefined;
      return { id, ...stored };
    },
    async end(id) {
      try {
        await redis.client.del(keyOf(id));
      } catch (error) {
        throw unavailable(error);
      }
    },
  };
}
