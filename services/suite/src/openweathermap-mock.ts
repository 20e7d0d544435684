import { fileURLToPath } from "node:url";
import { startPrism } from "@jeeves/prism";
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
  const prism = await startPrism(OPENWEATHERMAP_SPEC, { port: layout.openweatherMockPort });
  return { url: prism.url, close: () => prism.stop() };
}
