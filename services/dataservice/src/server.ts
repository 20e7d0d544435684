import { ConfigError, createTokenVerifier, startServer } from "@jeeves/service-kit";
import { buildApp } from "./app.ts";
import { loadConfig } from "./config.ts";
import { bootstrapAdmin } from "./domain/bootstrap-admin.ts";
import { loadEncryptionKey } from "./domain/encryption-key.ts";

try {
  const config = loadConfig();
  const { key, created } = await loadEncryptionKey({
    key: config.DATASERVICE_ENCRYPTION_KEY,
    keyFile: config.DATASERVICE_ENCRYPTION_KEY_FILE,
    dataDir: config.DATA_DIR,
  });
  const verifier = createTokenVerifier({
    jwksUrl: new URL("/.well-known/jwks.json", config.TOKENDEALER_URL).href,
    issuer: config.TOKENDEALER_URL,
    audience: "dataservice",
  });
  const app = await buildApp({
    databaseUrl: config.DATABASE_URL,
    dataDir: config.DATA_DIR,
    encryptionKey: key,
    verifier,
  });
  if (created)
    app.log.info({ dataDir: config.DATA_DIR }, "created a new encryption key for bot tokens in the data folder");
  const admin = await bootstrapAdmin(app.store, {
    email: config.JEEVES_ADMIN_EMAIL,
    password: config.JEEVES_ADMIN_PASSWORD,
  });
  const address = await startServer(app, { port: config.PORT, host: config.HOST });
  if (admin) {
    // Shown once, on the terminal only: the log stays free of secrets.
    const password = admin.generatedPassword ?? "(the one in JEEVES_ADMIN_PASSWORD)";
    process.stderr.write(
      `\nJeeves dataservice: first start. Log in as ${admin.email} with password ${password}\n` +
        "This password is shown once; keep it, or set JEEVES_ADMIN_PASSWORD before the first start.\n\n",
    );
  }
  app.log.info({ address, docs: `${address}/docs` }, "dataservice listening");
} catch (error) {
  if (error instanceof ConfigError) {
    process.stderr.write(`dataservice: ${error.message}\n`);
    process.exit(1);
  }
  throw error;
}
