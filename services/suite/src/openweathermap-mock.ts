import { fileURLToPath } from "node:url";
import { startPrism } from "@jeeves/prism";
import { failureReason, StartupError } from "@jeeves/service-kit";
import type { SuiteLayout } from "./layout.ts";

/** The OpenWeatherMap subset spec the mock serves. */
export const OPENWEATHERMAP_SPEC = fileURLToPath(
  new URL("../../../specs/openapi/external/openweathermap.yaml", import.meta.url),
);

/**
 * Starts the OpenWeatherMap mock (Prism, through `@jeeves/prism`, on our OpenWeatherMap subset spec) on
 * `OPENWEATHER_MOCK_PORT` (0: a port the OS picks), for a suite without OPENWEATHER_API_KEY: the weather
 * service then answers with the spec's example weather, marked as demo data.
 */
export async function startOpenWeatherMapMock(
  layout: SuiteLayout,
  _env: Record<string, string | undefined>,
): Promise<{ url: string; close(): Promise<void> }> {
  const port = layout.openweatherMockPort;
  const prism = await startPrism(OPENWEATHERMAP_SPEC, { port }).catch((error: unknown) => {
    throw new StartupError(
      "OPENWEATHER_MOCK_PORT",
      `OPENWEATHER_MOCK_PORT=${port}: the demo OpenWeatherMap mock did not start (${failureReason(error)}; set OPENWEATHER_MOCK_PORT to a free port, or 0)`,
      { cause: error },
    );
  });
  return { url: prism.url, close: () => prism.stop() };
}
