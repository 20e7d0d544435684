/**
 * The demo OpenWeatherMap mock as a process of its own (separate-process topology): the suite's own
 * in-process mock (services/suite/src/openweathermap-mock.ts) on OPENWEATHER_MOCK_PORT.
 */
import { readLayout } from "../../services/suite/src/layout.ts";
import { startOpenWeatherMapMock } from "../../services/suite/src/openweathermap-mock.ts";

const mock = await startOpenWeatherMapMock(readLayout(process.env));
process.stdout.write(`openweathermap mock at ${mock.url}\n`);
for (const signal of ["SIGTERM", "SIGINT"] as const)
  process.once(signal, () => void mock.close().then(() => process.exit(0)));
