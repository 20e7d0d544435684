import pino from "pino";

/** A pino destination that gathers the lines of one event-loop turn and writes them with one call. */
export interface BatchedDestination extends pino.DestinationStream {
  /** Writes what is gathered now (on exit, and in tests). */
  flushSync(): void;
}

/**
 * A destination writing to `target` (a synchronous pino destination): the lines logged during one turn
 * of the event loop are joined and written once, at the next `setImmediate`, so a request's lines cost
 * one write system call per turn for the whole process instead of one per line, and the write never
 * happens in the middle of answering a request. What is gathered is written at the latest one turn
 * later, and at process exit.
 */
export function batchedDestination(target: { write(data: string): unknown; flushSync?(): void }): BatchedDestination {
  let lines: string[] = [];
  let scheduled = false;
  const flushSync = () => {
    scheduled = false;
    if (lines.length === 0) return;
    const data = lines.join("");
    lines = [];
    target.write(data);
  };
  return {
    write(line: string) {
      lines.push(line);
      if (!scheduled) {
        scheduled = true;
        setImmediate(flushSync).unref();
      }
    },
    flushSync,
  };
}

let shared: BatchedDestination | undefined;

/**
 * Standard output as every logger of this process writes to it: one destination shared by every service
 * of the process (the one-process suite runs six), so their lines never interleave, batched by event-loop
 * turn ({@link batchedDestination}) over pino's synchronous standard output, and flushed at exit.
 */
export function stdoutDestination(): pino.DestinationStream {
  if (!shared) {
    const destination = batchedDestination(pino.destination({ dest: 1, sync: true }));
    process.on("exit", destination.flushSync);
    shared = destination;
  }
  return shared;
}
