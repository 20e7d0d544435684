import { once } from "node:events";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { spec } from "@jeeves/generated/specs/openweathermap";
import { failureReason, listenFailure, StartupError } from "@jeeves/service-kit";
import type { SuiteLayout } from "./layout.ts";
import { answersFromSpec } from "./openweathermap-answers.ts";

/** Where the mock listens: only the suite's own weather service calls it. */
const MOCK_HOST = "127.0.0.1";

/** The demo OpenWeatherMap mock, listening. */
export interface OpenWeatherMapMock {
  /** Its root URL, for OPENWEATHER_URL (`http://127.0.0.1:<port>`). */
  url: string;
  /** Stops it (open connections are closed). */
  close(): Promise<void>;
}

/**
 * Starts the demo OpenWeatherMap mock in this process on `OPENWEATHER_MOCK_PORT` (0: a port the OS
 * picks), for a suite without OPENWEATHER_API_KEY: a plain HTTP server answering from the examples of
 * specs/openapi/external/openweathermap.yaml (as generated in `@jeeves/generated/specs/openweathermap`;
 * see {@link answersFromSpec}: Berlin in metric units for every place, 401 without `appid`, `Prefer`
 * for the other examples). The weather service then answers with that example, marked as demo data. A
 * port in use (or any other failure to listen) is a StartupError naming OPENWEATHER_MOCK_PORT.
 */
export async function startOpenWeatherMapMock(layout: SuiteLayout): Promise<OpenWeatherMapMock> {
  const port = layout.openweatherMockPort;
  const answer = answersFromSpec(spec);
  const server = createServer((request, response) => {
    const { prefer } = request.headers;
    const { status, body } = answer(request.method ?? "GET", request.url ?? "/", [prefer ?? []].flat().join(", "));
    const text = JSON.stringify(body);
    response.writeHead(status, {
      "content-type": "application/json; charset=utf-8",
      "content-length": Buffer.byteLength(text),
    });
    response.end(text);
  });
  server.keepAliveTimeout = 5_000;
  try {
    server.listen(port, MOCK_HOST);
    await once(server, "listening");
  } catch (error) {
    const failure = listenFailure(error, { port, host: MOCK_HOST, portVariable: "OPENWEATHER_MOCK_PORT" });
    if (failure instanceof StartupError) throw failure;
    throw new StartupError(
      "OPENWEATHER_MOCK_PORT",
      `OPENWEATHER_MOCK_PORT=${port}: the demo OpenWeatherMap mock did not start (${failureReason(error)}; set OPENWEATHER_MOCK_PORT to a free port, or 0)`,
      { cause: error },
    );
  }
  const { port: listening } = server.address() as AddressInfo;
  return {
    url: `http://${MOCK_HOST}:${listening}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
