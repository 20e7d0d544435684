import { createBus, deferredLogger } from "@jeeves/bus";
import { ConfigError, createLogger, startServer } from "@jeeves/service-kit";
import { loadConfig } from "./config.ts";
import { prepareActions } from "./service.ts";

try {
  const config = loadConfig();
  // The bus is made before the app (the app takes it): its lines go to a redacting logger until the app's log exists.
  const busLog = deferredLogger(createLogger("actions"));
  const bus = await createBus({ url: config.BUS_URL, logger: busLog.logger });
  const app = await prepareActions(config, { bus }).catch(async (error) => {
    await bus.close();
    throw error;
  });
  busLog.use(app.log);
  // Closing the bus stops consuming and waits for the running handlers (and their replies) before it
  // lets the connection go; the consumer's own unsubscribe, which fastify runs after this hook, is then a no-op.
  app.addHook("onClose", () => bus.close());
  const address = await startServer(app, { port: config.PORT, host: config.HOST });
  app.log.info(
    { address, docs: `${address}/docs`, bus: config.BUS_URL ? "rabbitmq" : "in-process" },
    "actions listening",
  );
} catch (error) {
  if (error instanceof ConfigError) {
    process.stderr.write(`actions: ${error.message}\n`);
    process.exit(1);
  }
  throw error;
}
