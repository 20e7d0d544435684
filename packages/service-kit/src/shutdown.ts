import type { FastifyInstance } from "fastify";
import { requestsInFlight } from "./http-drain.ts";
import { errorText } from "./startup-error.ts";

/** One thing a process closes when it stops, in order (a service, the bus, the outbound connections). */
export interface ShutdownStep {
  /** What it is, as the "still open" line names it: `weather`, `bus`, `outbound connections`. */
  name: string;
  /** Closes it, letting the work in progress finish. */
  close(): Promise<void>;
  /** What of it is still open while it closes (`2 HTTP requests in flight`), for the "still open" line. */
  detail?(): string | undefined;
}

/** The pino-style logger the shutdown writes its lines to (fields first, then the message). */
export interface ShutdownLogger {
  info(fields: Record<string, unknown>, message: string): void;
  error(fields: Record<string, unknown>, message: string): void;
}

/** The process as {@link closeOnSignals} uses it (tests: an EventEmitter). */
export interface SignalSource {
  on(event: string, listener: (...args: unknown[]) => void): unknown;
  removeListener(event: string, listener: (...args: unknown[]) => void): unknown;
}

/** Options of {@link closeOnSignals}. */
export interface CloseOnSignalsOptions {
  log: ShutdownLogger;
  /** Closed one after the other, in this order (a function: read when the signal arrives). */
  steps: ShutdownStep[] | (() => ShutdownStep[]);
  /** How long the steps may take in all before the process exits with 1. Default 10 s. */
  graceMs?: number;
  /** Default `process`. */
  process?: SignalSource;
  /** Default `process.exit`. */
  exit?: (code: number) => void;
  /** The clock of the "stopped" line's duration, ms. Default `performance.now`. */
  now?: () => number;
}

/** What {@link closeOnSignals} answers. */
export interface SignalHandling {
  /** Removes the listeners (a start that failed closes by itself). */
  uninstall(): void;
}

const SIGNALS = ["SIGTERM", "SIGINT"] as const;

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

/**
 * The {@link ShutdownStep} of a fastify app: `app.close()` stops accepting connections, waits for the
 * requests in flight (new requests on open connections get 503), then runs the plugins' onClose hooks
 * (bus consumers drain, database pools, Redis). Its detail says which of the two it is waiting for.
 */
export function appShutdownStep(name: string, app: FastifyInstance): ShutdownStep {
  return {
    name,
    close: () => app.close(),
    detail() {
      const requests = requestsInFlight(app);
      if (requests > 0) return plural(requests, "HTTP request in flight", "HTTP requests in flight");
      return "its resources (bus handlers, database, Redis)";
    },
  };
}

/**
 * On SIGTERM or SIGINT: logs one line, closes `steps` in order and exits with 0, logging one line with
 * how long it took. A second signal, or `graceMs` passing, exits with 1 at once, logging what is still
 * open (the step closing, with its detail, and those not closed yet). A step that fails is logged, the
 * others are still closed, and the exit code is 1. An uncaught exception or unhandled rejection is
 * logged and closes the same way, with 1.
 */
export function closeOnSignals(options: CloseOnSignalsOptions): SignalHandling {
  const source = options.process ?? process;
  const exit = options.exit ?? ((code: number) => process.exit(code));
  const now = options.now ?? (() => performance.now());
  const graceMs = options.graceMs ?? 10_000;
  let steps: ShutdownStep[] = [];
  let next = 0;
  let stopping = false;
  let exited = false;
  const exitOnce = (code: number) => {
    if (exited) return;
    exited = true;
    exit(code);
  };

  const stillOpen = () =>
    steps
      .slice(Math.max(0, next))
      .map((step, index) => {
        const detail = index === 0 ? step.detail?.() : undefined;
        return detail ? `${step.name} (${detail})` : step.name;
      })
      .join(", ");

  const onSignal = (signal: string) => {
    if (stopping) {
      const open = stillOpen();
      options.log.error({ signal, open }, `second ${signal}: exiting now; still open: ${open || "nothing"}`);
      exitOnce(1);
      return;
    }
    void stop({ signal });
  };
  const onError = (error: unknown) => {
    if (stopping) {
      options.log.error({ err: error }, "another uncaught error while stopping: exiting now");
      exitOnce(1);
      return;
    }
    void stop({ error });
  };
  const listeners = SIGNALS.map((signal) => [signal, () => onSignal(signal)] as const);

  async function stop(cause: { signal?: string; error?: unknown }): Promise<void> {
    stopping = true;
    const started = now();
    steps = typeof options.steps === "function" ? options.steps() : options.steps;
    if (cause.error === undefined) {
      options.log.info(
        { signal: cause.signal, grace_ms: graceMs },
        `${cause.signal}: stopping (taking no new work, finishing what is in flight)`,
      );
    } else {
      options.log.error({ err: cause.error }, `stopping after an uncaught error: ${errorText(cause.error)}`);
    }
    const timer = setTimeout(() => {
      const open = stillOpen();
      options.log.error(
        { open, grace_ms: graceMs },
        `not stopped within ${graceMs / 1000} s: exiting now; still open: ${open || "nothing"}`,
      );
      exitOnce(1);
    }, graceMs);
    let failed = cause.error !== undefined;
    for (next = 0; next < steps.length; next++) {
      const step = steps[next];
      try {
        await step.close();
      } catch (error) {
        failed = true;
        options.log.error({ err: error, step: step.name }, `${step.name} did not close cleanly: ${errorText(error)}`);
      }
    }
    clearTimeout(timer);
    if (exited) return;
    const ms = Math.round(now() - started);
    options.log.info({ signal: cause.signal, ms }, `stopped in ${ms} ms`);
    exitOnce(failed ? 1 : 0);
  }

  for (const [signal, listener] of listeners) source.on(signal, listener);
  source.on("uncaughtException", onError);
  source.on("unhandledRejection", onError);
  return {
    uninstall() {
      for (const [signal, listener] of listeners) source.removeListener(signal, listener);
      source.removeListener("uncaughtException", onError);
      source.removeListener("unhandledRejection", onError);
    },
  };
}
