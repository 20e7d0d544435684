import { createBus, deferredLogger } from "@jeeves/bus";
import { outboundConnectionsStep } from "@jeeves/client-kit";
import {
  busOptionsOf,
  connectRetryOf,
  connectWithRetry,
  createLogger,
  runMain,
  startServer,
} from "@jeeves/service-kit";
import { buildApp } from "./app.ts";
import { loadConfig } from "./config.ts";
import { appOptionsFromConfig } from "./from-config.ts";

// A start that fails prints one line naming the variable to fix, and exits with 1 (see runMain).
await runMain("slackbot", async () => {
  const config = loadConfig();
  // The bus is made before the app (the app takes it): its lines go to a redacting logger until the app's log exists.
  const busLog = deferredLogger(createLogger("slackbot"));
  // A broker that is still starting is tried again for a while (STARTUP_CONNECT_*), a line per attempt.
  const bus = await connectWithRetry({
    variable: "BUS_URL",
    url: config.BUS_URL ?? "",
    retry: connectRetryOf(config),
    logger: busLog.logger,
    connect: () => createBus({ url: config.BUS_URL, logger: busLog.logger, ...busOptionsOf(config) }),
  });
  const { options, signingSecret, install } = await appOptionsFromConfig(config, { bus });
  const app = await buildApp(options);
  busLog.use(app.log.child({ component: "bus" }));
  // fastify runs this (added last) before the plugins' onClose hooks: closing the bus stops every
  // subscription and waits for running handlers, after which the plugins' unsubscribes do nothing.
  app.addHook("onClose", () => bus.close());
  if (signingSecret.source === "created") {
    app.log.warn(
      { file: signingSecret.file },
      "SLACK_SIGNING_SECRET is unset: created a random signing secret in this file (not shown). " +
        "Requests from Slack itself verify only once SLACK_SIGNING_SECRET is the Slack app's signing secret",
    );
  } else if (signingSecret.source === "file") {
    app.log.info({ file: signingSecret.file }, "SLACK_SIGNING_SECRET is unset: using the signing secret in this file");
  }
  if (!install.enabled) {
    app.log.info("SLACK_CLIENT_ID and SLACK_CLIENT_SECRET are unset: the Slack install (/slack/install) answers 503");
  }
  const address = await startServer(app, {
    port: config.PORT,
    host: config.HOST,
    name: "slackbot",
    alsoClose: [outboundConnectionsStep],
  });
  app.log.info(
    {
      address,
      docs: `${address}/docs`,
      events: `${address}/slack/events`,
      ...(install.enabled ? { install: `${address}/slack/install`, redirect_uri: install.redirectUri } : {}),
      bus: config.BUS_URL ? "rabbitmq" : "in-process",
    },
    "slackbot listening",
  );
});
