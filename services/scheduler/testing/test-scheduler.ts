import { randomUUID } from "node:crypto";
import { type Bus, MemoryBus, type Reply, silentLogger, subscribeReplies } from "@jeeves/bus";
import { createTokenProvider } from "@jeeves/client-kit";
import { buildTestDataservice } from "@jeeves/dataservice/testing";
import type { FeatureFlags } from "@jeeves/service-kit";
import { startTestTokenDealer, type TestTokenDealer } from "@jeeves/tokendealer/testing";
import type { WeatherReports } from "@jeeves/weather-client";
import type { FastifyInstance, FastifyServerOptions } from "fastify";
import { createDataserviceAlerts } from "../src/adapters/dataservice-alerts.ts";
import { buildApp } from "../src/app.ts";
import type { AlertRecords } from "../src/domain/alert-records.ts";
import { DATASERVICE_SCOPES } from "../src/service.ts";
import { FakeWeather } from "./fake-weather.ts";

/** A dataservice the scheduler under test should use (shared by two schedulers, say). */
export interface TestDataservice {
  /** Where it listens. */
  url: string;
  /** The TokenDealer it trusts; the scheduler gets its own client there. */
  dealer: TestTokenDealer;
}

/** Options of {@link startTestScheduler}. */
export interface TestSchedulerOptions {
  /** The bus to publish on; default a new MemoryBus, closed by `close()`. */
  bus?: Bus;
  /**
   * Subscriptions and claims to use instead of a dataservice (`new MemoryAlerts([...])`). Without them, the
   * `dataservice` given is used, or a real TokenDealer and dataservice (SQLite in memory) are started.
   */
  records?: AlertRecords;
  dataservice?: TestDataservice;
  /** The weather; default a FakeWeather that knows no place. */
  weather?: WeatherReports;
  /** The clock; default the system clock. */
  now?: () => Date;
  /** Milliseconds between ticks; default one hour, so that only the start tick and `tick()` run. */
  tickMs?: number;
  logger?: FastifyServerOptions["logger"];
  /** Feature flags (`alerts-enabled`); default the defaults. */
  flags?: FeatureFlags;
}

/** A running scheduler for tests, and what it runs on. */
export interface TestScheduler {
  /** The scheduler app, ready: its start tick has run (not listening). */
  app: FastifyInstance;
  bus: Bus;
  /** The dataservice it uses, when it uses one (pass it to a second scheduler). */
  dataservice?: TestDataservice;
  /** Every reply seen on `chat.reply.*` since the start, oldest first (this scheduler's and others'). */
  replies: Reply[];
  /** Closes the app, then the dataservice, TokenDealer and bus it started (not those it was given). */
  close(): Promise<void>;
}

/**
 * Starts the scheduler for tests: on a MemoryBus (or the given bus), against a real test dataservice on
 * a real TokenDealer (or the given records), with a fake weather unless given one. Resolves once the app
 * is ready and its start tick has run. Replies are collected under the bus group `scheduler-test-replies-<n>`.
 */
export async function startTestScheduler(options: TestSchedulerOptions = {}): Promise<TestScheduler> {
  const bus = options.bus ?? new MemoryBus({ logger: silentLogger });
  const cleanups: (() => Promise<void>)[] = options.bus ? [] : [() => bus.close()];
  const closeAll = async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  };
  try {
    let records = options.records;
    let dataservice = options.dataservice;
    if (!records) {
      if (!dataservice) {
        const dealer = await startTestTokenDealer({ unref: true });
        cleanups.push(() => dealer.close());
        const started = await buildTestDataservice(dealer);
        cleanups.push(() => started.close());
        dataservice = { url: await started.app.listen({ port: 0, host: "127.0.0.1" }), dealer };
      }
      const id = `scheduler-test-${randomUUID().slice(0, 8)}`;
      const client = await dataservice.dealer.addClient(id, DATASERVICE_SCOPES, ["dataservice"]);
      records = createDataserviceAlerts({
        baseUrl: dataservice.url,
        auth: createTokenProvider({
          tokendealerUrl: dataservice.dealer.url,
          clientId: client.id,
          clientSecret: client.secret,
          audience: "dataservice",
          scopes: DATASERVICE_SCOPES,
        }),
      });
    }
    const replies: Reply[] = [];
    cleanups.push(
      await subscribeReplies(bus, `scheduler-test-replies-${randomUUID().slice(0, 8)}`, async (reply) => {
        replies.push(reply);
      }),
    );
    const app = await buildApp({
      bus,
      records,
      weather: options.weather ?? new FakeWeather(),
      now: options.now,
      tickMs: options.tickMs ?? 3_600_000,
      logger: options.logger ?? false,
      flags: options.flags,
    });
    cleanups.push(() => app.close());
    await app.ready();
    await app.alertClock.idle();
    return { app, bus, dataservice, replies, close: closeAll };
  } catch (error) {
    await closeAll();
    throw error;
  }
}
