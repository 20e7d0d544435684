import { ConfigError, ServiceError, startServer } from "@jeeves/service-kit";
import { loadConfig } from "./config.ts";
import { prepareTokendealer } from "./service.ts";

try {
  const config = loadConfig();
  const app = await prepareTokendealer(config);
  const address = await startServer(app, { port: config.PORT, host: config.HOST });
  app.log.info(
    { address, issuer: config.TOKENDEALER_URL, kid: app.keys.signingKey()?.kid, docs: `${address}/docs` },
    "tokendealer listening",
  );
} catch (error) {
  if (error instanceof ConfigError) {
    process.stderr.write(`tokendealer: ${error.message}\n`);
    process.exit(1);
  }
  if (error instanceof ServiceError) {
    // A key file or client registry that does not load: say which, and stop.
    process.stderr.write(`tokendealer: ${error.title}: ${error.detail ?? ""} (${error.code})\n`);
    process.exit(1);
  }
  throw error;
}
