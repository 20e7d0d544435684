import { outboundConnectionsStep } from "@jeeves/client-kit";
import { runMain, startServer } from "@jeeves/service-kit";
import { loadConfig } from "./config.ts";
import { prepareDashboard } from "./service.ts";

// A start that fails prints one line naming the variable to fix, and exits with 1 (see runMain).
await runMain("dashboard", async () => {
  const config = loadConfig();
  const app = await prepareDashboard(config);
  const address = await startServer(app, {
    port: config.PORT,
    host: config.HOST,
    name: "dashboard",
    alsoClose: [outboundConnectionsStep],
  });
  app.log.info({ address, docs: `${address}/docs`, page: config.DASHBOARD_STATIC_DIR }, "dashboard listening");
});
