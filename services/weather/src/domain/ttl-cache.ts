/** A value kept in a {@link TtlCache} and when it expires (the clock's milliseconds). */
export interface Cached<V> {
  value: V;
  expiresAt: number;
}

/** Options of a {@link TtlCache}. */
export interface TtlCacheOptions {
  /** How long a value is kept, in milliseconds (0: never kept, but concurrent loads still share one). */
  ttlMs: number;
  /** Most values kept; past it the expired ones go, then the oldest. Default 1000. */
  maxEntries?: number;
  /** The clock, in milliseconds (default `Date.now`). */
  now?: () => number;
}

/**
 * An in-memory cache of values by key for a fixed time. Concurrent misses of one key share one load,
 * and a failed load is not kept (the next call loads again). Bounded by `maxEntries`.
 */
export class TtlCache<V> {
  readonly #entries = new Map<string, Cached<V>>();
  readonly #loading = new Map<string, Promise<Cached<V>>>();
  readonly #ttlMs: number;
  readonly #maxEntries: number;
  readonly #now: () => number;

  constructor(options: TtlCacheOptions) {
    this.#ttlMs = options.ttlMs;
    this.#maxEntries = options.maxEntries ?? 1000;
    this.#now = options.now ?? Date.now;
  }

  /** How many values are kept (expired ones included until they are swept). */
  get size(): number {
    return this.#entries.size;
  }

  /** The kept value of `key` while it is fresh; otherwise `load()`'s, kept for the TTL from now. */
  async get(key: string, load: () => Promise<V>): Promise<Cached<V>> {
    const kept = this.#entries.get(key);
    if (kept && kept.expiresAt > this.#now()) return kept;
    const running = this.#loading.get(key);
    if (running) return running;
    const loading = (async () => {
      try {
        const entry = { value: await load(), expiresAt: this.#now() + this.#ttlMs };
        this.#entries.delete(key);
        this.#entries.set(key, entry);
        this.#sweep();
        return entry;
      } finally {
        this.#loading.delete(key);
      }
    })();
    this.#loading.set(key, loading);
    return loading;
  }

  /** Forgets every value. */
  clear(): void {
    this.#entries.clear();
  }

  #sweep(): void {
    if (this.#entries.size <= this.#maxEntries) return;
    const now = this.#now();
    for (const [key, entry] of this.#entries) if (entry.expiresAt <= now) this.#entries.delete(key);
    for (const key of this.#entries.keys()) {
      if (this.#entries.size <= this.#maxEntries) break;
      this.#entries.delete(key);
    }
  }
}
