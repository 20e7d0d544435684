import { outboundConnectionsStep } from "@jeeves/client-kit";
import { runMain, startServer } from "@jeeves/service-kit";
import { loadConfig } from "./config.ts";
import { adminNotice, prepareDataservice } from "./service.ts";

// A start that fails prints one line naming the variable to fix, and exits with 1 (see runMain).
await runMain("dataservice", async () => {
  const config = loadConfig();
  const { app, admin } = await prepareDataservice(config);
  // Shown once, on the terminal only (the log stays free of secrets), and before listening: a start that
  // fails on its port must not lose the admin's first password.
  if (admin) process.stderr.write(adminNotice(admin));
  const address = await startServer(app, {
    port: config.PORT,
    host: config.HOST,
    name: "dataservice",
    alsoClose: [outboundConnectionsStep],
  });
  app.log.info({ address, docs: `${address}/docs` }, "dataservice listening");
});
