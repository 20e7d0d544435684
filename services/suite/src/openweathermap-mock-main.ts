/**
 * The demo OpenWeatherMap mock as a process of its own (`node dist/openweathermap-mock-main.js`, built
 * with the suite): the mock `npm start` and `start:cluster` run inside their own process, for the
 * services run as separate processes (the benchmark's `separate` topology). It listens on
 * OPENWEATHER_MOCK_PORT and stops on SIGTERM or SIGINT. Plain built JavaScript, so the process carries
 * no TypeScript loader (tsx's loader thread alone holds ~45 MB).
 */
import { readLayout } from "./layout.ts";
import { startOpenWeatherMapMock } from "./openweathermap-mock.ts";

const mock = await startOpenWeatherMapMock(readLayout(process.env));
process.stdout.write(`openweathermap mock at ${mock.url}\n`);
for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.once(signal, () => void mock.close().then(() => process.exit(0)));
}
