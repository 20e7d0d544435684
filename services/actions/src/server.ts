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
import { prepareActions } from "./service.ts";

// A start that fails prints one line naming the variable to fix, and exits with 1 (see runMain).
await runMain("actions", async () => {
  const config = loadConfig();
  // The bus is made before the app (the app takes it): its lines go to a redacting logger until the app's log exists.
  const busLog = deferredLogger(createLogger("actions"));
  // A broker that is still starting is tried again for a while (STARTUP_CONNECT_*), a line per attempt.
  const bus = await connectWithRetry({
    variable: "BUS_URL",
    url: config.BUS_URL ?? "",
    retry: connectRetryOf(config),
    logger: busLog.logger,
    connect: () => createBus({ url: config.BUS_URL, logger: busLog.logger, ...busOptionsOf(config) }),
  });
  const app = await prepareActions(config, { bus }).catch(async (error) => {
    await bus.close();
    throw error;
  });
  busLog.use(app.log);
  // Closing the bus stops consuming and waits for the running handlers (and their replies) before it
  // lets the connection go; the consumer's own unsubscribe, which fastify runs after this hook, is then a no-op.
  app.addHook("onClose", () => bus.close());
  const address = await startServer(app, {
    port: config.PORT,
    host: config.HOST,
    name: "actions",
    alsoClose: [outboundConnectionsStep],
  });
  app.log.info(
    { address, docs: `${address}/docs`, bus: config.BUS_URL ? "rabbitmq" : "in-process" },
    "actions listening",
  );
});
