import { LRUCache } from "lru-cache";
import type { UsedNonces } from "../domain/used-nonces.ts";

/** Options of {@link createMemoryUsedNonces}. */
export interface MemoryUsedNoncesOptions {
  /** The clock in ms (the app's). */
  now: () => number;
  /** How many unexpired nonces it keeps at most; when full, a new one is refused. Default 100 000. */
  maxEntries?: number;
}

/**
 * {@link UsedNonces} in this process's memory (one slackbot), on `lru-cache`: a nonce is kept until its
 * state expires (its own TTL; an expired state is refused anyway), and the expired ones are dropped on
 * each use. When `maxEntries` unexpired nonces are kept a new one is refused: evicting one early, as an
 * LRU would, would let its state be used again.
 */
export function createMemoryUsedNonces(options: MemoryUsedNoncesOptions): UsedNonces & { size(): number } {
  const maxEntries = options.maxEntries ?? 100_000;
  const used = new LRUCache<string, true>({ max: maxEntries, perf: { now: options.now }, ttlResolution: 0 });
  return {
    async useOnce(nonce, expiresAtMs) {
      used.purgeStale();
      if (used.has(nonce) || used.size >= maxEntries) return false;
      const ttl = expiresAtMs - options.now();
      // An already expired state needs no memory: it is refused whatever its nonce.
      if (ttl > 0) used.set(nonce, true, { ttl });
      return true;
    },
    size: () => used.size,
  };
}
