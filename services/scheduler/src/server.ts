import { createBus, deferredLogger } from "@jeeves/bus";
import { ConfigError, createLogger, startServer } from "@jeeves/service-kit";
import { loadConfig } from "./config.ts";
import { prepareScheduler } from "./service.ts";

try {
  const config = loadConfig();
  // The bus is made before the app (the app takes it): its lines go to a redacting logger until the app's log exists.
  const busLog = deferredLogger(createLogger("scheduler"));
  const bus = await createBus({ url: config.BUS_URL, logger: busLog.logger });
  const app = await prepareScheduler(config, { bus }).catch(async (error) => {
    await bus.close();
    throw error;
  });
  busLog.use(app.log);
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
