import pino from "pino";

let shared: pino.DestinationStream | undefined;

/**
 * Standard output as every logger of this process writes to it: one asynchronous destination shared
 * by every service of the process (the one-process suite runs six), so a line never waits for the pipe
 * (turbo's, a terminal's) on the event loop, and lines of different services never interleave. Nothing
 * is held back: a line is written as soon as the previous write is done, and what is pending is flushed
 * when the process exits.
 */
export function stdoutDestination(): pino.DestinationStream {
  shared ??= pino.destination({ dest: 1, sync: false, minLength: 0 });
  return shared;
}
