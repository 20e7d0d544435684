import { createBus, deferredLogger } from "@jeeves/bus";
import { outboundConnectionsStep } from "@jeeves/client-kit";
import {
  busOptionsOf,
  connectRetryOf,
  connectWithRetry,
  createLogger,
  runMain,
  startServer,
} from "@jeeves/service-kit";
import { loadConfig } from "./config.ts";
import { prepareScheduler } from "./service.ts";

// A start that fails prints one line naming the variable to fix, and exits with 1 (see runMain).
await runMain("scheduler", async () => {
  const config = loadConfig();
  // The bus is made before the app (the app takes it): its lines go to a redacting logger until the app's log exists.
  const busLog = deferredLogger(createLogger("scheduler"));
  // A broker that is still starting is tried again for a while (STARTUP_CONNECT_*), a line per attempt.
  const bus = await connectWithRetry({
    variable: "BUS_URL",
    url: config.BUS_URL ?? "",
    retry: connectRetryOf(config),
    logger: busLog.logger,
    connect: () => createBus({ url: config.BUS_URL, logger: busLog.logger, ...busOptionsOf(config) }),
  });
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
  const address = await startServer(app, {
    port: config.PORT,
    host: config.HOST,
    name: "scheduler",
    alsoClose: [outboundConnectionsStep],
  });
  app.log.info(
    { address, docs: `${address}/docs`, bus: config.BUS_URL ? "rabbitmq" : "in-process" },
    "scheduler listening",
  );
});
