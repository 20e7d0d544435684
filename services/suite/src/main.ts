import { outboundConnectionsStep } from "@jeeves/client-kit";
import { adminNotice } from "@jeeves/dataservice";
import { closeOnSignals, createLogger, runMain } from "@jeeves/service-kit";
import { launchSuite } from "./launch.ts";
import { summary } from "./summary.ts";

/**
 * `npm start`: the whole suite in one process, then a summary of where everything is. A start that
 * fails prints one line naming the variable to fix, and exits with 1 (see runMain). SIGTERM or SIGINT
 * (Ctrl-C) closes the services one after the other (see RunningSuite.shutdownSteps), the bus, the
 * mock and the outbound connections, and exits with 0; a second one, or 10 s passing, exits with 1
 * and a line saying what is still open (see closeOnSignals).
 */
await runMain("jeeves", async () => {
  // The admin's first password is shown as soon as it exists, before anything else can fail.
  const suite = await launchSuite({ onAdmin: (admin) => process.stderr.write(adminNotice(admin)) });
  closeOnSignals({
    log: createLogger("jeeves"),
    steps: () => [...suite.shutdownSteps(), outboundConnectionsStep],
  });
  process.stderr.write(summary(suite.layout, process.env, suite.openweathermap));
});
