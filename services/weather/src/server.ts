import { ConfigError, startServer } from "@jeeves/service-kit";
import { loadConfig } from "./config.ts";
import { prepareWeather } from "./service.ts";

try {
  const config = loadConfig();
  const app = await prepareWeather(config);
  const address = await startServer(app, { port: config.PORT, host: config.HOST });
  app.log.info(
    { address, docs: `${address}/docs`, openweathermap: config.OPENWEATHER_URL, demo: app.weather.demo },
    "weather listening",
  );
} catch (error) {
  if (error instanceof ConfigError) {
    process.stderr.write(`weather: ${error.message}\n`);
    process.exit(1);
  }
  throw error;
}
