import { mkdir } from "node:fs/promises";
import { loadConfig as actionsConfig, prepareActions } from "@jeeves/actions";
import { type Bus, type BusLogger, createBus, silentLogger } from "@jeeves/bus";
import { loadConfig as dataserviceConfig, prepareDataservice } from "@jeeves/dataservice";
import { prepareScheduler, loadConfig as schedulerConfig } from "@jeeves/scheduler";
import { createLogger } from "@jeeves/service-kit";
import { appOptionsFromConfig, buildApp as buildSlackbot, loadConfig as slackbotConfig } from "@jeeves/slackbot";
import { prepareTokendealer, loadConfig as tokendealerConfig } from "@jeeves/tokendealer";
import { prepareWeather, loadConfig as weatherConfig } from "@jeeves/weather";
import type { FastifyInstance, FastifyServerOptions } from "fastify";
import { readLayout, type ServiceName, type SuiteLayout, serviceEnv } from "./layout.ts";
import { startOpenWeatherMapMock } from "./openweathermap-mock.ts";

/** Options of {@link launchSuite}. */
export interface LaunchOptions {
  /** The environment (default process.env): BUS_URL, DATABASE_URL, SLACK_*, the suite's own variables. */
  env?: Record<string, string | undefined>;
  /** pino options for every service, or false (tests); default JSON logs per service. */
  logger?: FastifyServerOptions["logger"];
  /** Where the bus logs (default: like the services, `logger`'s options and redaction, service `bus`; none when `logger` is false). */
  busLogger?: BusLogger;
  /** Extra bus options (tests isolate RabbitMQ runs with an exchange and a queue prefix). */
  bus?: { exchange?: string; queuePrefix?: string };
}

/** The suite, running. */
export interface RunningSuite {
  layout: SuiteLayout;
  apps: Record<ServiceName, FastifyInstance>;
  bus: Bus;
  /** Where the weather comes from: OpenWeatherMap itself (a key is set) or the demo mock. */
  openweathermap: { url: string; demo: boolean };
  /** On the very first start: the dataservice's admin login, to show once. */
  admin?: { email: string; generatedPassword?: string };
  /** Closes every service (last started first), then the bus. */
  close(): Promise<void>;
}

/** The bus's lines: JSON like the services' (same options, same redaction), or none when logs are off. */
function busLogger(logger: LaunchOptions["logger"]): BusLogger {
  if (logger === false) return silentLogger;
  return createLogger("bus", typeof logger === "object" ? (logger as Parameters<typeof createLogger>[1]) : {});
}

/**
 * Runs the whole suite in this process: the TokenDealer, the dataservice, weather, the slackbot, actions and
 * the scheduler,
 * sharing one bus (in-process unless BUS_URL names RabbitMQ) and listening on their own ports. Each
 * service reads its usual configuration (see each README); the suite only sets ports, data folders,
 * the services' URLs and the client secrets the TokenDealer writes on its first start. Without
 * OPENWEATHER_API_KEY it also starts the OpenWeatherMap mock (Prism, from contract-tests) and the
 * weather service reports its demo data as such.
 */
export async function launchSuite(options: LaunchOptions = {}): Promise<RunningSuite> {
  const env = options.env ?? process.env;
  const layout = readLayout(env);
  await mkdir(layout.dataRoot, { recursive: true });
  const started: FastifyInstance[] = [];
  const bus = await createBus({
    url: env.BUS_URL,
    logger: options.busLogger ?? busLogger(options.logger),
    ...options.bus,
  });
  const mock = env.OPENWEATHER_API_KEY ? undefined : await startOpenWeatherMapMock(layout, env);
  const openweathermap = mock
    ? { url: mock.url, demo: true }
    : { url: env.OPENWEATHER_URL || "https://api.openweathermap.org", demo: false };
  const close = async () => {
    for (const app of started.reverse()) await app.close().catch(() => {});
    await bus.close();
    await mock?.close();
  };
  const listen = async (name: ServiceName, app: FastifyInstance) => {
    started.push(app);
    await app.listen({ port: layout.ports[name], host: layout.host });
    return app;
  };
  try {
    const logger = options.logger;
    const tokendealer = await listen(
      "tokendealer",
      await prepareTokendealer(tokendealerConfig(serviceEnv("tokendealer", layout, env)), { logger }),
    );
    const prepared = await prepareDataservice(dataserviceConfig(serviceEnv("dataservice", layout, env)), { logger });
    const dataservice = await listen("dataservice", prepared.app);
    const weatherEnv = { ...serviceEnv("weather", layout, env), OPENWEATHER_URL: openweathermap.url };
    const weather = await listen("weather", await prepareWeather(weatherConfig(weatherEnv), { logger }));
    const slackbotOptions = await appOptionsFromConfig(slackbotConfig(serviceEnv("slackbot", layout, env)), {
      bus,
      logger,
    });
    const slackbot = await listen("slackbot", await buildSlackbot(slackbotOptions.options));
    const actions = await listen(
      "actions",
      await prepareActions(actionsConfig(serviceEnv("actions", layout, env)), { bus, logger }),
    );
    const scheduler = await listen(
      "scheduler",
      await prepareScheduler(schedulerConfig(serviceEnv("scheduler", layout, env)), { bus, logger }),
    );
    const apps = { tokendealer, dataservice, weather, slackbot, actions, scheduler };
    return { layout, apps, bus, openweathermap, admin: prepared.admin, close };
  } catch (error) {
    await close();
    throw error;
  }
}
