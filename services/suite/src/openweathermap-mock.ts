import { fileURLToPath } from "node:url";
import { startMock } from "@jeeves/contract-tests/mock";
import { listenFailure } from "@jeeves/service-kit";
import type { SuiteLayout } from "./layout.ts";

/** The OpenWeatherMap subset spec the mock serves. */
export const OPENWEATHERMAP_SPEC = fileURLToPath(
  new URL("../../../specs/openapi/external/openweathermap.yaml", import.meta.url),
);

/**
 * Starts the OpenWeatherMap mock of the contract tests (Prism on our OpenWeatherMap subset spec) on
 * `OPENWEATHER_MOCK_PORT`, for a suite without OPENWEATHER_API_KEY: the weather service then answers
 * with the spec's example weather, marked as demo data.
 */
export async function startOpenWeatherMapMock(
  layout: SuiteLayout,
  _env: Record<string, string | undefined>,
): Promise<{ url: string; close(): Promise<void> }> {
  const mock = await startMock({ spec: OPENWEATHERMAP_SPEC, port: layout.openweatherMockPort }).catch((error) => {
    throw listenFailure(error, {
      port: layout.openweatherMockPort,
      host: "127.0.0.1",
      portVariable: "OPENWEATHER_MOCK_PORT",
    });
  });
  return { url: mock.url, close: () => mock.close() };
}
