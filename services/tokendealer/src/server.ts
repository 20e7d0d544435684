import { ConfigError, ServiceError, startServer } from "@jeeves/service-kit";
import { buildApp } from "./app.ts";
import { loadConfig } from "./config.ts";

try {
  const config = loadConfig();
  const app = await buildApp({
    dataDir: config.DATA_DIR,
    keysFile: config.TOKENDEALER_KEYS_FILE,
    clientsFile: config.TOKENDEALER_CLIENTS_FILE,
    issuer: config.TOKENDEALER_URL,
    ttlSeconds: config.TOKEN_TTL_SECONDS,
    alg: config.TOKENDEALER_ALG,
  });
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
