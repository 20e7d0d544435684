import { startTestTokenDealer } from "@jeeves/tokendealer/testing";
import { buildTestWeather, type FakeOpenWeatherMap, startFakeOpenWeatherMap } from "@jeeves/weather/testing";
import type { PlannedTransaction } from "../plan.ts";
import { foreignToken } from "./foreign-token.ts";
import type { ProviderSession, RequestSpec, Undo } from "./types.ts";

/** The place the successes and the 304 ask for (its report is kept, so the 304's ETag is the 200's). */
const PLACE = "Berlin";
/** A place the fake OpenWeatherMap's default script knows nothing of (it answers 404). */
const UNKNOWN_PLACE = "Atlantis";
/** A scope the weather service grants nothing for: the 403 transactions get a token with only it. */
const OTHER_SCOPE = "dredd:other";

/** Makes the fake OpenWeatherMap fail every call (500) until undone (the 503s). */
function upstreamDown(fake: FakeOpenWeatherMap): Undo {
  const { script } = fake;
  fake.script = () => ({ status: 500, body: { cod: 500, message: "Internal error" } });
  return () => {
    fake.script = script;
  };
}

/**
 * The weather service as a provider: `buildTestWeather` with an API key (live data, not demo) on a
 * scripted fake OpenWeatherMap (`startFakeOpenWeatherMap`, its default script), trusting a real test TokenDealer (audience `weather`), listening on
 * 127.0.0.1 on a free port. `GET /weather` asks for Berlin; its 404 for Atlantis (unknown to the fake);
 * its 503 for a place not kept yet, while the fake answers 500.
 */
export async function startProvider(): Promise<ProviderSession> {
  const cleanups: Array<() => Promise<void>> = [];
  const closeAll = async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  };
  try {
    const dealer = await startTestTokenDealer();
    cleanups.push(() => dealer.close());
    const upstream = await startFakeOpenWeatherMap();
    cleanups.push(() => upstream.close());
    const weather = await buildTestWeather({ dealer, upstreamUrl: upstream.url, apiKey: "dredd-openweathermap-key" });
    cleanups.push(() => weather.close());
    const url = await weather.app.listen({ port: 0, host: "127.0.0.1" });
    const scopes = ["weather:read", OTHER_SCOPE];
    const client = await dealer.addClient("dredd-weather", scopes, ["weather"]);
    let counter = 0;

    /** Provider states: what a transaction needs beyond the default request. */
    function prepare(transaction: PlannedTransaction, request: RequestSpec): Undo | undefined {
      if (transaction.operation.operationId !== "getWeather") return undefined;
      switch (transaction.status) {
        case "400":
          // The default request already breaks `location` (longer than its maxLength).
          return undefined;
        case "404":
          request.query.location = UNKNOWN_PLACE;
          return undefined;
        case "503":
          // A place no report is kept for (failures are not kept either): the call reaches the fake.
          counter += 1;
          request.query.location = `Brigadoon ${counter}`;
          return upstreamDown(upstream);
        default:
          request.query.location = PLACE;
          return undefined;
      }
    }

    return {
      url,
      app: weather.app,
      credentials: {
        bearer: (wanted) => dealer.token(client.id, client.secret, "weather", wanted),
        scopes,
        foreignBearer: () => foreignToken(dealer, scopes),
      },
      params: { existing: {}, missing: {} },
      // Nothing to create: the fake answers every place but Atlantis.
      seed: async () => {},
      prepare,
      close: closeAll,
    };
  } catch (error) {
    await closeAll();
    throw error;
  }
}
