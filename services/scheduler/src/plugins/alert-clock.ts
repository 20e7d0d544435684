import { type Bus, publishReply } from "@jeeves/bus";
import { FLAG } from "@jeeves/service-kit";
import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";
import { Notes } from "../domain/notes.ts";
import { runTick, type TickSummary } from "../domain/run-tick.ts";

/** The default time between two ticks (`SCHEDULER_TICK_MS`). */
export const DEFAULT_TICK_MS = 30_000;

/** The alert clock, as `/ready` and tests see it. */
export interface AlertClock {
  /** True from the moment the app is ready until it closes. */
  readonly running: boolean;
  /** Runs one tick now, after the one running (ticks never overlap), and resolves with what it did. */
  tick(): Promise<TickSummary>;
  /** Resolves once the ticks started so far have finished. */
  idle(): Promise<void>;
  /** Stops the loop and waits for a running tick (the app's close does this too). */
  stop(): Promise<void>;
  /** When the last tick ran (by the scheduler's clock) and what it did. */
  readonly last?: { at: string; summary: TickSummary };
}

declare module "fastify" {
  interface FastifyInstance {
    /** The tick loop that sends the daily alerts. */
    alertClock: AlertClock;
  }
}

/** Options of the alert clock plugin. The bus is the caller's: the app never closes it. */
export interface AlertClockPluginOptions {
  bus: Bus;
  /** The clock (tests: a fake one). Default `() => new Date()`. */
  now?: () => Date;
  /** Milliseconds between the end of one tick and the start of the next. Default 30000. */
  tickMs?: number;
}

/**
 * Runs the alert tick once when the app becomes ready and then every `tickMs` until it closes; close
 * waits for a running tick. Each tick publishes the due alerts with `publishReply` (message id = the
 * reply's `reply_to`).
 */
export const alertClockPlugin = fp(
  async (app: FastifyInstance, options: AlertClockPluginOptions) => {
    const now = options.now ?? (() => new Date());
    const tickMs = options.tickMs ?? DEFAULT_TICK_MS;
    const notes = new Notes();
    let running = false;
    let timer: NodeJS.Timeout | undefined;
    let chain: Promise<unknown> = Promise.resolve();
    let last: AlertClock["last"];

    const runOne = async (): Promise<TickSummary> => {
      const at = now();
      // `alerts-enabled` off (docs/feature-flags.md): nothing is listed, claimed or sent until it is on again.
      if (!(await app.flags.boolean(FLAG.ALERTS_ENABLED, true))) {
        const summary = { subscriptions: 0, due: 0, sent: 0, alreadyClaimed: 0, skipped: 0, failed: 0, disabled: true };
        last = { at: at.toISOString(), summary };
        return summary;
      }
      const summary = await runTick(at, {
        records: app.alertRecords,
        weather: app.weatherReports,
        publish: (reply) => publishReply(options.bus, reply, { id: reply.reply_to }),
        logger: app.log,
        notes,
      });
      last = { at: at.toISOString(), summary };
      app.metrics.alertsDue(summary.due);
      app.metrics.alertsSent("ok", summary.sent);
      app.metrics.alertsSent("failed", summary.failed);
      if (summary.due > 0 || summary.failed > 0) app.log.info({ ...summary }, "alert tick");
      return summary;
    };
    const tick = (): Promise<TickSummary> => {
      const result = chain.then(runOne);
      chain = result.catch(() => {});
      return result;
    };
    const logFailure = (error: unknown) => app.log.error({ err: error }, "alert tick failed");
    const schedule = () => {
      timer = setTimeout(async () => {
        if (!running) return;
        await tick().catch(logFailure);
        if (running) schedule();
      }, tickMs);
      timer.unref();
    };

    const stop = async () => {
      running = false;
      clearTimeout(timer);
      await chain;
    };

    app.decorate("alertClock", {
      get running() {
        return running;
      },
      tick,
      async idle() {
        await chain;
      },
      get last() {
        return last;
      },
      stop,
    });
    app.addHook("onReady", async () => {
      running = true;
      tick().catch(logFailure);
      schedule();
      app.log.info({ tick_ms: tickMs }, "alert clock started");
    });
    app.addHook("onClose", stop);
  },
  {
    name: "scheduler-alert-clock",
    dependencies: ["scheduler-alert-records", "scheduler-weather-reports", "feature-flags"],
  },
);
