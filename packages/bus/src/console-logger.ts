import type { BusLogger } from "./types.ts";

/** A BusLogger writing one line per event to the console (used when no logger is given). */
export const consoleLogger: BusLogger = {
  info: (fields, message) => console.info(`bus: ${message}`, JSON.stringify(fields)),
  warn: (fields, message) => console.warn(`bus: ${message}`, JSON.stringify(fields)),
  error: (fields, message) => console.error(`bus: ${message}`, JSON.stringify(fields)),
};

/** A BusLogger that drops everything. */
export const silentLogger: BusLogger = { info: () => {}, warn: () => {}, error: () => {} };

/**
 * A BusLogger that writes to the console until `use(target)` hands it the real logger: a service makes
 * its bus before its app (the app takes the bus), then sends the bus's lines to the app's log.
 */
export function deferredLogger(initial: BusLogger = consoleLogger): {
  logger: BusLogger;
  use(target: BusLogger): void;
} {
  let current = initial;
  return {
    logger: {
      info: (fields, message) => current.info(fields, message),
      warn: (fields, message) => current.warn(fields, message),
      error: (fields, message) => current.error(fields, message),
    },
    use(target) {
      current = target;
    },
  };
}
