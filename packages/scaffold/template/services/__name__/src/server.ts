import { runMain, startServer } from "@jeeves/service-kit";
import { loadConfig } from "./config.ts";
import { prepare__Name__ } from "./service.ts";

// A start that fails prints one line naming the variable to fix, and exits with 1 (see runMain).
await runMain("__name__", async () => {
  const config = loadConfig();
  const app = await prepare__Name__(config);
  const address = await startServer(app, { port: config.PORT, host: config.HOST });
  app.log.info({ address, docs: `${address}/docs` }, "__name__ listening");
});
