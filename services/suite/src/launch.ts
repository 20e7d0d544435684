import { mkdir } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import { loadConfig as actionsConfig, prepareActions } from "@jeeves/actions";
import { type Bus, type BusLogger, createBus, silentLogger } from "@jeeves/bus";
import { loadConfig as dashboardConfig, prepareDashboard } from "@jeeves/dashboard";
import { loadConfig as dataserviceConfig, prepareDataservice } from "@jeeves/dataservice";
import { prepareScheduler, loadConfig as schedulerConfig } from "@jeeves/scheduler";
import {
  appShutdownStep,
  BUS_VARIABLES,
  busOptionsOf,
  connectWithRetry,
  createLogger,
  listenFailure,
  readConfig,
  type ShutdownStep,
  setupTracing,
} from "@jeeves/service-kit";
import { appOptionsFromConfig, buildApp as buildSlackbot, loadConfig as slackbotConfig } from "@jeeves/slackbot";
import { docsOrigins, prepareTokendealer, loadConfig as tokendealerConfig } from "@jeeves/tokendealer";
import { prepareWeather, loadConfig as weatherConfig } from "@jeeves/weather";
import type { FastifyInstance, FastifyServerOptions } from "fastify";
import { type AdminLogin, keepGeneratedPassword, prepareAdminLogin } from "./admin-login.ts";
import { deadLetterDir } from "./dead-letters-cli.ts";
import { flagsFile, writeDefaultFlags } from "./flags-file.ts";
import { portVariable, readLayout, SERVICES, type ServiceName, type SuiteLayout, serviceEnv } from "./layout.ts";
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
  /**
   * Called as soon as each service listens, with its real URL, before the next one is built (tests
   * point a proxy in front of a service started on port 0 at it).
   */
  onListening?: (name: ServiceName, url: string) => void | Promise<void>;
}

/** The suite, running. */
export interface RunningSuite {
  layout: SuiteLayout;
  apps: Record<ServiceName, FastifyInstance>;
  bus: Bus;
  /** Where the weather comes from: OpenWeatherMap itself (a key is set) or the demo mock. */
  openweathermap: { url: string; demo: boolean };
  /** How the first admin logs in (the email; where the password is, never the password). */
  admin: AdminLogin;
  /**
   * What {@link RunningSuite.close} closes, in order: the services that take work from outside first
   * (the scheduler's clock, the slackbot's Slack events and local chat), then actions (its bus
   * handlers still reach weather, the dataservice and the TokenDealer), then those three, then the bus,
   * then the OpenWeatherMap mock. Each service stops accepting, finishes its requests and bus handlers
   * in flight and closes its resources before the next one starts closing.
   */
  shutdownSteps(): ShutdownStep[];
  /** Closes every step of {@link RunningSuite.shutdownSteps}, one after the other (a failing one is skipped). */
  close(): Promise<void>;
}

/**
 * The order the services close in: a service closes before those it calls, so that what it finishes
 * while it drains (a /chat request waiting for actions' reply, an actions handler calling the
 * dataservice) still finds them. The slackbot closes before actions: its local chat waits for actions'
 * replies.
 */
const CLOSE_ORDER: readonly ServiceName[] = [
  "dashboard",
  "scheduler",
  "slackbot",
  "actions",
  "weather",
  "dataservice",
  "tokendealer",
];

/** The name of tsx's loader API, in a variable: the bundler must not take tsx into the bundle. */
const TSX_API = "tsx/esm/api";
/** Whether this is the bundled suite (services/suite/dist/main.js, what `npm start` runs), not its TypeScript. */
const BUNDLED = !import.meta.url.endsWith(".ts");
let tsxRegistered = false;

/**
 * `@jeeves/<name>`. In the bundled suite a service added since the suite last imported its services by
 * name is still TypeScript: tsx's loader is registered first, so that it loads.
 */
async function importService(name: string): Promise<Record<string, unknown>> {
  const specifier = `@jeeves/${name}`;
  if (BUNDLED && !tsxRegistered && /\.[cm]?tsx?$/.test(import.meta.resolve(specifier))) {
    const { register } = (await import(TSX_API)) as { register(): void };
    register();
    tsxRegistered = true;
  }
  return (await import(specifier)) as Record<string, unknown>;
}

/**
 * Builds a service of the manifest the suite has no start of its own for, as the generator's template
 * exports it: `loadConfig(env)`, then `prepare<Name>(config, { bus, logger })` of `@jeeves/<name>`.
 */
async function prepareListed(
  name: ServiceName,
  env: Record<string, string | undefined>,
  options: { bus: Bus; logger: LaunchOptions["logger"] },
): Promise<FastifyInstance> {
  const exported = `prepare${name.replace(/(?:^|-)([a-z0-9])/g, (_match, first: string) => first.toUpperCase())}`;
  const service = await importService(name);
  const { loadConfig } = service;
  const prepare = service[exported];
  if (typeof loadConfig !== "function" || typeof prepare !== "function") {
    throw new Error(`@jeeves/${name} exports no loadConfig and ${exported}: the suite cannot start ${name}`);
  }
  return prepare(loadConfig(env), options);
}

/** The bus's lines: JSON like the services' (same options, same redaction), or none when logs are off. */
function busLogger(logger: LaunchOptions["logger"]): BusLogger {
  if (logger === false) return silentLogger;
  return createLogger("bus", typeof logger === "object" ? (logger as Parameters<typeof createLogger>[1]) : {});
}

/**
 * Runs the whole suite in this process: the TokenDealer, the dataservice, weather, the slackbot, actions,
 * the scheduler, the dashboard, then any other service of the manifest (`@jeeves/manifest`) in its order,
 * sharing one bus (in-process unless BUS_URL names RabbitMQ) and listening on their own ports. Each
 * service reads its usual configuration (see each README); the suite only sets ports, data folders,
 * the services' URLs and the client secrets the TokenDealer writes on its first start. Without
 * OPENWEATHER_API_KEY it also starts the OpenWeatherMap mock (in this process, answering the examples of
 * the OpenWeatherMap spec) and the weather service reports its demo data as such.
 *
 * A port of 0 means "any free port": the services start one after the other (each needs only the URLs
 * of the ones before it), and each one's real port is in `layout` before the next one's environment is
 * built, so nothing picks a port first and listens on it later (another process could take it in
 * between). The TokenDealer's issuer then becomes its real URL, unless TOKENDEALER_URL is set.
 */
export async function launchSuite(options: LaunchOptions = {}): Promise<RunningSuite> {
  const env = options.env ?? process.env;
  // One tracer provider for the whole process, named for the suite (each server span names its service).
  setupTracing("jeeves");
  const layout = readLayout(env);
  await mkdir(layout.dataRoot, { recursive: true });
  // Before the dataservice first makes its folder: a fresh data folder gets a generated admin password.
  const adminLogin = await prepareAdminLogin(layout.dataRoot, env);
  // The feature flags every service reads (FLAGS_FILE, default data/flags.json): the defaults, on the first start.
  await writeDefaultFlags(flagsFile(layout, env));
  const admin = adminLogin.login;
  const started = new Map<ServiceName, FastifyInstance>();
  const logBus = options.busLogger ?? busLogger(options.logger);
  // BUS_EXCHANGE and BUS_QUEUE_PREFIX, checked like every service's (the options' names win: tests).
  const busNames = busOptionsOf(readConfig(BUS_VARIABLES, env));
  // A broker that is still starting is tried again for a while (STARTUP_CONNECT_*), a line per attempt.
  const bus = await connectWithRetry({
    variable: "BUS_URL",
    url: env.BUS_URL ?? "",
    retry: layout.connectRetry,
    logger: logBus,
    connect: () =>
      createBus({ url: env.BUS_URL, logger: logBus, deadLetterDir: deadLetterDir(env), ...busNames, ...options.bus }),
  });
  const mock = env.OPENWEATHER_API_KEY
    ? undefined
    : await startOpenWeatherMapMock(layout).catch(async (error: unknown) => {
        await bus.close();
        throw error;
      });
  const openweathermap = mock
    ? { url: mock.url, demo: true }
    : { url: env.OPENWEATHER_URL || "https://api.openweathermap.org", demo: false };
  const shutdownSteps = (): ShutdownStep[] => [
    // A service not in CLOSE_ORDER (one added since) closes first, the last started first.
    ...[...started]
      .filter(([name]) => !CLOSE_ORDER.includes(name))
      .reverse()
      .map(([name, app]) => appShutdownStep(name, app)),
    ...CLOSE_ORDER.flatMap((name) => {
      const app = started.get(name);
      return app ? [appShutdownStep(name, app)] : [];
    }),
    { name: "bus", close: () => bus.close() },
    ...(mock ? [{ name: "OpenWeatherMap mock", close: () => mock.close() }] : []),
  ];
  const close = async () => {
    for (const step of shutdownSteps()) await step.close().catch(() => {});
  };
  const urlHost = layout.host.includes(":") ? `[${layout.host}]` : layout.host;
  const listen = async (name: ServiceName, app: FastifyInstance) => {
    started.set(name, app);
    try {
      await app.listen({ port: layout.ports[name], host: layout.host });
    } catch (error) {
      // A port in use names the suite's variable for it (DATASERVICE_PORT…), not the service's PORT.
      throw listenFailure(error, {
        port: layout.ports[name],
        host: layout.host,
        portVariable: portVariable(name),
        hostVariable: "JEEVES_HOST",
      });
    }
    const { port } = app.server.address() as AddressInfo;
    layout.ports[name] = port;
    layout.urls[name] = `http://${urlHost}:${port}`;
    await options.onListening?.(name, layout.urls[name]);
    return app;
  };
  try {
    const logger = options.logger;
    const tokendealer = await prepareTokendealer(tokendealerConfig(serviceEnv("tokendealer", layout, env)), {
      logger,
    });
    await listen("tokendealer", tokendealer);
    // No request can reach it before its URL is known, so the issuer is its real URL in time.
    if (!env.TOKENDEALER_URL) tokendealer.tokenSettings.issuer = layout.urls.tokendealer;
    const dataserviceEnv = { ...serviceEnv("dataservice", layout, env), ...adminLogin.dataserviceEnv };
    const prepared = await prepareDataservice(dataserviceConfig(dataserviceEnv), { logger });
    // A dataservice that generated the password itself (it had none to take): kept in the file, never shown.
    const generated = (prepared as { admin?: { generatedPassword?: string } }).admin?.generatedPassword;
    admin.password = (await keepGeneratedPassword(layout.dataRoot, generated)) ?? admin.password;
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
    // Imported by name like the others (not by prepareListed's computed import), so the built suite
    // (services/suite/dist/main.js, one bundle) holds it too.
    const dashboard = await listen(
      "dashboard",
      await prepareDashboard(dashboardConfig(serviceEnv("dashboard", layout, env)), { logger }),
    );
    const apps: Record<ServiceName, FastifyInstance> = {
      tokendealer,
      dataservice,
      weather,
      slackbot,
      actions,
      scheduler,
      dashboard,
    };
    // The manifest's other services (npm run new-service) start after these, in the manifest's order.
    for (const name of SERVICES) {
      apps[name] ??= await listen(name, await prepareListed(name, serviceEnv(name, layout, env), { bus, logger }));
    }
    // The docs pages' "Authorize" asks the TokenDealer from the services' real origins, known only now.
    if (!env.TOKENDEALER_DOCS_ORIGINS) {
      tokendealer.docsCors.origins = docsOrigins(
        SERVICES.filter((name) => name !== "tokendealer").map((name) => layout.urls[name]),
      );
    }
    return { layout, apps, bus, openweathermap, admin, shutdownSteps, close };
  } catch (error) {
    await close();
    throw error;
  }
}
