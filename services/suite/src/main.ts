import { outboundConnectionsStep } from "@jeeves/client-kit";
import { closeOnSignals, createLogger, runMain } from "@jeeves/service-kit";
import { ensureDashboardPage } from "./dashboard-page.ts";
import { launchSuite } from "./launch.ts";
import { summary } from "./summary.ts";

/**
 * `npm start`: the dashboard's page built if it is not (or is older than its sources), the whole suite
 * in one process, then a summary of where everything is and how the first admin logs in. A start that
 * fails prints one line naming the variable to fix, and exits with 1 (see runMain). SIGTERM or SIGINT
 * (Ctrl-C) closes the services one after the other (see RunningSuite.shutdownSteps), the bus, the
 * mock and the outbound connections, and exits with 0; a second one, or 10 s passing, exits with 1
 * and a line saying what is still open (see closeOnSignals).
 */
await runMain("jeeves", async () => {
  await ensureDashboardPage(process.env, (line) => process.stderr.write(line));
  const suite = await launchSuite();
  closeOnSignals({
    log: createLogger("jeeves"),
    steps: () => [...suite.shutdownSteps(), outboundConnectionsStep],
  });
  process.stderr.write(summary(suite.layout, process.env, suite.openweathermap, suite.admin));
});
