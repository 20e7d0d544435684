import { type Bus, observeBus } from "@jeeves/bus";
import { spec } from "@jeeves/generated/specs/scheduler";
import { createApp, type FeatureFlags, featureFlagsPlugin, openapiRoutes } from "@jeeves/service-kit";
import type { WeatherReports, WeatherServiceOptions } from "@jeeves/weather-client";
import type { FastifyInstance, FastifyServerOptions } from "fastify";
import type { DataserviceAlertsOptions } from "./adapters/dataservice-alerts.ts";
import type { AlertRecords } from "./domain/alert-records.ts";
import { handlers } from "./handlers/index.ts";
import { alertClockPlugin } from "./plugins/alert-clock.ts";
import { alertRecordsPlugin } from "./plugins/alert-records.ts";
import { weatherReportsPlugin } from "./plugins/weather-reports.ts";

/** What the app is built from. */
export interface AppOptions {
  /** The bus the alerts are published on; the caller closes it (after the app). */
  bus: Bus;
  /** Subscriptions and claims to use (tests, demos); otherwise `dataservice` is required. */
  records?: AlertRecords;
  /** The dataservice that keeps them: its URL, the token provider, optionally a fetch. */
  dataservice?: DataserviceAlertsOptions;
  /** The weather to use (tests, demos); otherwise `weatherService` is required. */
  weather?: WeatherReports;
  /** The weather service: its URL, the token provider, optionally a fetch. */
  weatherService?: WeatherServiceOptions;
  /** The clock (tests: a fake one). Default the system clock. */
  now?: () => Date;
  /** Milliseconds between ticks (`SCHEDULER_TICK_MS`). Default 30000. */
  tickMs?: number;
  logger?: FastifyServerOptions["logger"];
  /** Feature flags of the caller's (`alerts-enabled`); else `flagsFile` (FLAGS_FILE) is opened, else the defaults. */
  flags?: FeatureFlags;
  flagsFile?: string;
}

/**
 * Builds the scheduler app from its spec (`/health`, `/ready`). Once ready (`ready()` or `listen()`) it
 * ticks at once and then every `tickMs`, sending the due alerts on the bus; close stops the clock. It
 * never listens by itself (server.ts does) and never closes the bus.
 */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = await createApp({ name: "scheduler", spec, logger: options.logger });
  await app.register(featureFlagsPlugin, { flags: options.flags, file: options.flagsFile });
  await app.register(alertRecordsPlugin, { records: options.records, dataservice: options.dataservice });
  await app.register(weatherReportsPlugin, { weather: options.weather, weatherService: options.weatherService });
  await app.register(alertClockPlugin, {
    bus: observeBus(options.bus, app.metrics.bus),
    now: options.now,
    tickMs: options.tickMs,
  });
  await app.register(openapiRoutes, { spec, handlers });
  return app;
}
