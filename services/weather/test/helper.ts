import type { TestContext } from "node:test";
import { startTestTokenDealer, type TestTokenDealer } from "@jeeves/tokendealer/testing";
import type { FastifyInstance } from "fastify";
import { buildTestWeather, type FakeOpenWeatherMap, type TestWeatherOptions } from "../testing/index.ts";

/** The OpenWeatherMap key of the tests: long and unusual, so a leak into a log line cannot go unnoticed. */
export const API_KEY = "owm-test-key-7f3c91d2e8b54a60b1c2";

/** The scopes of the test client (weather:read, and one of another service to build tokens without it). */
const CLIENT_SCOPES = ["weather:read", "users:read"];

/** One TokenDealer per test file (process), with one client for the audiences weather and dataservice. */
let shared: Promise<{ dealer: TestTokenDealer; client: { id: string; secret: string }; token: string }> | undefined;

/** The shared TokenDealer, its client and a token for `weather` with `weather:read`; started on first use. */
export function sharedDealer() {
  shared ??= (async () => {
    const dealer = await startTestTokenDealer({ unref: true });
    const client = await dealer.addClient("weather-tests", CLIENT_SCOPES, ["weather", "dataservice"]);
    return { dealer, client, token: await dealer.token(client.id, client.secret, "weather", ["weather:read"]) };
  })();
  return shared;
}

/** A built weather service with what tests need around it. */
export interface Built {
  app: FastifyInstance;
  /** A real token for the audience `weather` with `weather:read`. */
  token: string;
  /** A token with only these scopes (or for another audience). */
  tokenWith(scopes: string[], audience?: string): Promise<string>;
  /** The fake OpenWeatherMap, unless `upstreamUrl` was given. */
  upstream: FakeOpenWeatherMap;
}

/**
 * Builds the weather service for one test on the shared TokenDealer, with the test API key (pass
 * `apiKey: undefined` for demo data), a standing {@link testClock} (unless `now` is given) and, unless
 * `upstreamUrl` is given, a fake OpenWeatherMap. Closed after the test.
 */
export async function build(
  t: TestContext | { after(fn: () => Promise<void>): void },
  options: Partial<Omit<TestWeatherOptions, "dealer">> = {},
): Promise<Built> {
  const { dealer, client, token } = await sharedDealer();
  const weather = await buildTestWeather({
    dealer,
    // A clock that stands still unless the test brings its own: `max-age` never depends on how long a test takes.
    now: testClock().now,
    ...("apiKey" in options ? {} : { apiKey: API_KEY }),
    ...options,
  });
  t.after(() => weather.close());
  return {
    app: weather.app,
    token,
    tokenWith: (scopes, audience = "weather") => dealer.token(client.id, client.secret, audience, scopes),
    upstream: weather.upstream as FakeOpenWeatherMap,
  };
}

/** A clock for the cache: `now()` answers `at`, which tests move forward. */
export function testClock(start = Date.parse("2026-11-28T08:00:00.000Z")) {
  const clock = {
    at: start,
    now: () => clock.at,
    advance(ms: number) {
      clock.at += ms;
    },
  };
  return clock;
}

/** A pino logger option writing every line (trace and up) to `lines`, to check what is logged. */
export function captureLogs(): { logger: { level: string; stream: { write(line: string): void } }; lines: string[] } {
  const lines: string[] = [];
  return { lines, logger: { level: "trace", stream: { write: (line: string) => void lines.push(line) } } };
}
