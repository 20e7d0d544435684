import { type Bus, observeBus } from "@jeeves/bus";
import { spec } from "@jeeves/generated/specs/actions";
import {
  type ConnectRetry,
  createApp,
  type FeatureFlags,
  featureFlagsPlugin,
  openapiRoutes,
} from "@jeeves/service-kit";
import type { WeatherReports, WeatherServiceOptions } from "@jeeves/weather-client";
import type { FastifyInstance, FastifyServerOptions } from "fastify";
import type { DataserviceRecordsOptions } from "./adapters/dataservice-records.ts";
import type { UserRecords } from "./domain/user-records.ts";
import { handlers } from "./handlers/index.ts";
import { type ChatConsumerPluginOptions, chatConsumerPlugin } from "./plugins/chat-consumer.ts";
import { recordsPlugin } from "./plugins/records.ts";
import { weatherPlugin } from "./plugins/weather.ts";

/** What the app is built from. */
export interface AppOptions {
  /** The bus to consume from and reply on; the caller closes it (after the app). */
  bus: Bus;
  /** The users' records to use (tests, demos); otherwise `dataservice` is required. */
  records?: UserRecords;
  /** The dataservice to keep the records in: its URL, the token provider, optionally a fetch. */
  dataservice?: DataserviceRecordsOptions;
  /** The weather to use (tests); otherwise `weatherService`; with neither, `weather` is "not available". */
  weather?: WeatherReports;
  /** The weather service: its URL, the token provider (audience `weather`), optionally a fetch. */
  weatherService?: WeatherServiceOptions;
  logger?: FastifyServerOptions["logger"];
  /**
   * Retries of a failing message (defaults: 5 attempts, 5000 ms apart), the bus group (`actions`) and
   * the answered messages' lease and memory (tests).
   */
  consumer?: Omit<ChatConsumerPluginOptions, "bus">;
  /**
   * A `redis://` URL (`REDIS_URL`): the ids of the messages answered are shared by every replica, so a
   * redelivered message is answered once. Default in memory (one replica).
   */
  redisUrl?: string;
  /** Put before every Redis key (`REDIS_KEY_PREFIX`, default `jeeves:`; tests use their own). */
  redisKeyPrefix?: string;
  /** How often Redis is tried at start-up (`STARTUP_CONNECT_*`). Default the kit's. */
  connectRetry?: ConnectRetry;
  /** Feature flags of the caller's (`time-command`); else `flagsFile` (FLAGS_FILE) is opened, else the defaults. */
  flags?: FeatureFlags;
  flagsFile?: string;
}

/**
 * Builds the actions app from its spec (`/health`, `/ready`). Once ready (`ready()` or `listen()`) it
 * consumes `chat.message.*` from the bus and answers each message on `chat.reply.<source>`; it never
 * listens by itself (server.ts does) and never closes the bus.
 */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = await createApp({
    name: "actions",
    spec,
    logger: options.logger,
    redis: { url: options.redisUrl, keyPrefix: options.redisKeyPrefix, connectRetry: options.connectRetry },
  });
  await app.register(featureFlagsPlugin, { flags: options.flags, file: options.flagsFile });
  await app.register(recordsPlugin, { records: options.records, dataservice: options.dataservice });
  await app.register(weatherPlugin, { weather: options.weather, weatherService: options.weatherService });
  await app.register(chatConsumerPlugin, { bus: observeBus(options.bus, app.metrics.bus), ...options.consumer });
  // The dead letters it holds, read at each scrape (jeeves_bus_dead_letters).
  const deadLetterCount = options.bus.deadLetterCount?.bind(options.bus);
  if (deadLetterCount) app.metrics.deadLetters(deadLetterCount);
  await app.register(openapiRoutes, { spec, handlers });
  return app;
}
