import { LRUCache } from "lru-cache";
import { newSession, type SessionStore, type StoredSession, storageKey } from "../domain/session.ts";

/** Options of {@link createMemorySessionStore}. */
export interface MemorySessionStoreOptions {
  /** How long a session lasts, ms. */
  ttlMs: number;
  /** Most sessions kept; the least recently used ends first. Default 100 000. */
  max?: number;
  /** The clock, ms. Default `Date.now`. */
  now?: () => number;
}

/**
 * Sessions in this process's memory (one replica; the embedded default), under the SHA-256 of their ids,
 * each dropped when it expires. They end when the process does: people log in again.
 */
export function createMemorySessionStore(options: MemorySessionStoreOptions): SessionStore {
  const now = options.now ?? Date.now;
  const sessions = new LRUCache<string, StoredSession>({ max: options.max ?? 100_000 });
  return {
    async create(userId) {
      const session = newSession(userId, options.ttlMs, now());
      const { id, ...stored } = session;
      sessions.set(storageKey(id), stored);
      return session;
    },
    async find(id) {
      const key = storageKey(id);
      const stored = sessions.get(key);
      if (!stored) return undefined;
      if (stored.expiresAt <= now()) {
        sessions.delete(key);
        return undefined;
      }
      return { id, ...stored };
    },
    async end(id) {
      sessions.delete(storageKey(id));
    },
  };
}
