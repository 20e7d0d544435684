import { outboundConnectionsStep } from "@jeeves/client-kit";
import { runMain, startServer } from "@jeeves/service-kit";
import { loadConfig } from "./config.ts";
import { prepareWeather } from "./service.ts";

// A start that fails prints one line naming the variable to fix, and exits with 1 (see runMain).
await runMain("weather", async () => {
  const config = loadConfig();
  const app = await prepareWeather(config);
  const address = await startServer(app, {
    port: config.PORT,
    host: config.HOST,
    name: "weather",
    alsoClose: [outboundConnectionsStep],
  });
  app.log.info(
    { address, docs: `${address}/docs`, openweathermap: config.OPENWEATHER_URL, demo: app.weather.demo },
    "weather listening",
  );
});
