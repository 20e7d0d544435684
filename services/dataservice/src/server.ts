import { ConfigError, startServer } from "@jeeves/service-kit";
import { loadConfig } from "./config.ts";
import { adminNotice, prepareDataservice } from "./service.ts";

try {
  const config = loadConfig();
  const { app, admin } = await prepareDataservice(config);
  const address = await startServer(app, { port: config.PORT, host: config.HOST });
  // Shown once, on the terminal only: the log stays free of secrets.
  if (admin) process.stderr.write(adminNotice(admin));
  app.log.info({ address, docs: `${address}/docs` }, "dataservice listening");
} catch (error) {
  if (error instanceof ConfigError) {
    process.stderr.write(`dataservice: ${error.message}\n`);
    process.exit(1);
  }
  throw error;
}
