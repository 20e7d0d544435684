import { adminNotice } from "@jeeves/dataservice";
import { ConfigError } from "@jeeves/service-kit";
import closeWithGrace from "close-with-grace";
import { launchSuite } from "./launch.ts";
import { summary } from "./summary.ts";

/** `npm start`: the whole suite in one process, then a summary of where everything is. */
try {
  const suite = await launchSuite();
  closeWithGrace({ delay: 10_000 }, async ({ signal, err }) => {
    if (err) process.stderr.write(`jeeves: closing after an error: ${err.stack ?? err.message}\n`);
    else process.stderr.write(`jeeves: ${signal}, closing\n`);
    await suite.close();
  });
  if (suite.admin) process.stderr.write(adminNotice(suite.admin));
  process.stderr.write(summary(suite.layout, process.env, suite.openweathermap));
} catch (error) {
  if (error instanceof ConfigError) {
    process.stderr.write(`jeeves: ${error.message}\n`);
    process.exit(1);
  }
  throw error;
}
