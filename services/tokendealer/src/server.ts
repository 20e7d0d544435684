import { outboundConnectionsStep } from "@jeeves/client-kit";
import { runMain, startServer } from "@jeeves/service-kit";
import { loadConfig } from "./config.ts";
import { prepareTokendealer } from "./service.ts";

// A start that fails prints one line saying what to fix (a variable, a key file or client registry
// that does not load), and exits with 1 (see runMain).
await runMain("tokendealer", async () => {
  const config = loadConfig();
  const app = await prepareTokendealer(config);
  const address = await startServer(app, {
    port: config.PORT,
    host: config.HOST,
    name: "tokendealer",
    alsoClose: [outboundConnectionsStep],
  });
  app.log.info(
    { address, issuer: config.TOKENDEALER_URL, kid: app.keys.signingKey()?.kid, docs: `${address}/docs` },
    "tokendealer listening",
  );
});
