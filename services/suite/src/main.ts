import { adminNotice } from "@jeeves/dataservice";
import { runMain } from "@jeeves/service-kit";
import closeWithGrace from "close-with-grace";
import { launchSuite } from "./launch.ts";
import { summary } from "./summary.ts";

/**
 * `npm start`: the whole suite in one process, then a summary of where everything is. A start that
 * fails prints one line naming the variable to fix, and exits with 1 (see runMain).
 */
await runMain("jeeves", async () => {
  // The admin's first password is shown as soon as it exists, before anything else can fail.
  const suite = await launchSuite({ onAdmin: (admin) => process.stderr.write(adminNotice(admin)) });
  closeWithGrace({ delay: 10_000 }, async ({ signal, err }) => {
    if (err) process.stderr.write(`jeeves: closing after an error: ${err.stack ?? err.message}\n`);
    else process.stderr.write(`jeeves: ${signal}, closing\n`);
    await suite.close();
  });
  process.stderr.write(summary(suite.layout, process.env, suite.openweathermap));
});
