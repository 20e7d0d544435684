/**
 * The demo OpenWeatherMap mock as a process of its own (`node dist/openweathermap-mock-main.js`, built
 * with the suite): the mock `npm start` and `start:cluster` run inside their own process, for the
 * services run as separate processes (the benchmark's `separate` topology). It listens on
 * OPENWEATHER_MOCK_PORT and stops on SIGTERM or SIGINT (service-kit's closeOnSignals, as every service
 * does); a start that fails says why (runMain). Plain built JavaScript, so the process carries no
 * TypeScript loader (tsx's loader thread alone holds ~45 MB).
 */
import { closeOnSignals, createLogger, runMain } from "@jeeves/service-kit";
import { readLayout } from "./layout.ts";
import { startOpenWeatherMapMock } from "./openweathermap-mock.ts";

await runMain("openweathermap-mock", async () => {
  const mock = await startOpenWeatherMapMock(readLayout(process.env));
  closeOnSignals({
    log: createLogger("openweathermap-mock"),
    steps: [{ name: "openweathermap mock", close: () => mock.close() }],
  });
  process.stdout.write(`openweathermap mock at ${mock.url}\n`);
});
