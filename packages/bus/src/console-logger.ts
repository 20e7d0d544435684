import type { BusLogger } from "./types.ts";

/** A BusLogger writing one line per event to the console (used when no logger is given). */
export const consoleLogger: BusLogger = {
  info: (fields, message) => console.info(`bus: ${message}`, JSON.stringify(fields)),
  warn: (fields, message) => console.warn(`bus: ${message}`, JSON.stringify(fields)),
  error: (fields, message) => console.error(`bus: ${message}`, JSON.stringify(fields)),
};

/** A BusLogger that drops everything. */
export const silentLogger: BusLogger = { info: () => {}, warn: () => {}, error: () => {} };
