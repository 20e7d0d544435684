import type { UsedNonces } from "../domain/used-nonces.ts";

/** Options of {@link createMemoryUsedNonces}. */
export interface MemoryUsedNoncesOptions {
  /** The clock in ms (the app's). */
  now: () => number;
  /** How many unexpired nonces it keeps at most; when full, a new one is refused. Default 100 000. */
  maxEntries?: number;
}

/**
 * {@link UsedNonces} in this process's memory (one slackbot): a nonce is forgotten once its state has
 * expired, since an expired state is refused anyway. Expired entries are dropped on each use.
 */
export function createMemoryUsedNonces(options: MemoryUsedNoncesOptions): UsedNonces & { size(): number } {
  const used = new Map<string, number>();
  const maxEntries = options.maxEntries ?? 100_000;
  return {
    async useOnce(nonce, expiresAtMs) {
      const now = options.now();
      for (const [known, expires] of used) if (expires <= now) used.delete(known);
      if (used.has(nonce) || used.size >= maxEntries) return false;
      used.set(nonce, expiresAtMs);
      return true;
    },
    size: () => used.size,
  };
}
