/** Options of {@link createConcurrencyLimit}. */
export interface ConcurrencyLimitOptions {
  /** Tasks running at once. */
  concurrency: number;
  /** Tasks waiting for a turn; one more is refused at once. */
  queue: number;
  /** The error a refused task rejects with (thrown before the task starts). */
  refuse: () => Error;
}

/** Runs tasks with at most `concurrency` at once and at most `queue` waiting. */
export interface ConcurrencyLimit {
  /** Runs `task` now or when a turn comes; rejects with the `refuse` error, without running it, when the queue is full. */
  run<T>(task: () => Promise<T>): Promise<T>;
  /** Tasks running now. */
  readonly running: number;
  /** Tasks waiting now. */
  readonly waiting: number;
}

/**
 * A concurrency limit with a bounded queue: a burst beyond `concurrency + queue` tasks fails fast
 * (the `refuse` error) instead of waiting behind an unbounded backlog.
 */
export function createConcurrencyLimit(options: ConcurrencyLimitOptions): ConcurrencyLimit {
  if (!(Number.isInteger(options.concurrency) && options.concurrency >= 1)) {
    throw new Error("concurrency must be a positive integer");
  }
  if (!(Number.isInteger(options.queue) && options.queue >= 0)) throw new Error("queue must be a whole number");
  let running = 0;
  const waiting: Array<() => void> = [];
  const release = () => {
    const next = waiting.shift();
    if (next) next();
    else running -= 1;
  };
  return {
    async run<T>(task: () => Promise<T>): Promise<T> {
      if (running < options.concurrency) running += 1;
      else if (waiting.length < options.queue) await new Promise<void>((resolve) => waiting.push(resolve));
      else throw options.refuse();
      try {
        return await task();
      } finally {
        release();
      }
    },
    get running() {
      return running;
    },
    get waiting() {
      return waiting.length;
    },
  };
}
