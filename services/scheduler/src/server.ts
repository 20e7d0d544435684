import { type BusLogger, consoleLogger, createBus } from "@jeeves/bus";
import { ConfigError, startServer } from "@jeeves/service-kit";
import { loadConfig } from "./config.ts";
import { prepareScheduler } from "./service.ts";

try {
  const config = loadConfig();
  // The bus is made before the app (the app takes it), so its log lines reach the app's log once it exists.
  let busLog: BusLogger = consoleLogger;
  const bus = await createBus({
    url: config.BUS_URL,
    logger: {
      info: (fields, message) => busLog.info(fields, message),
      warn: (fields, message) => busLog.warn(fields, message),
      error: (fields, message) => busLog.error(fields, message),
    },
  });
  const app = await prepareScheduler(config, { bus }).catch(async (error) => {
    await bus.close();
    throw error;
  });
  busLog = app.log;
  // This hook runs before the plugins' own: stop the clock (waiting for a tick that is publishing), then
  // let the bus go.
  app.addHook("onClose", async () => {
    await app.alertClock.stop();
    await bus.close();
  });
  const address = await startServer(app, { port: config.PORT, host: config.HOST });
  app.log.info(
    { address, docs: `${address}/docs`, bus: config.BUS_URL ? "rabbitmq" : "in-process" },
    "scheduler listening",
  );
} catch (error) {
  if (error instanceof ConfigError) {
    process.stderr.write(`scheduler: ${error.message}\n`);
    process.exit(1);
  }
  throw error;
}
