import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { FastifyInstance } from "fastify";
import { loadConfig } from "../src/config.ts";
import { prepareWeather } from "../src/service.ts";
import { buildTestWeather } from "../testing/index.ts";
import { API_KEY, sharedDealer, testClock } from "./helper.ts";
import { type PrismMock, preferFetch, startPrismMock } from "./prism.ts";
import { get } from "./wire.ts";

// The whole service against a Prism mock of specs/openapi/external/openweathermap.yaml, as the suite
// runs it without a key (`npm run mock -- openweathermap`), and with Prefer headers for the errors.
// Prism's first answers can be slow on a loaded machine: the upstream timeout is generous here.
const PRISM_TIMEOUT_MS = 30_000;
let mock: PrismMock;
before(async () => {
  mock = await startPrismMock();
});
after(() => mock.close());

async function prepared(env: Record<string, string>): Promise<FastifyInstance> {
  const { dealer } = await sharedDealer();
  // A clock that stands still: `max-age` is then the whole TTL, however long the test takes.
  const app = await prepareWeather(
    loadConfig({
      TOKENDEALER_URL: dealer.url,
      OPENWEATHER_URL: mock.url,
      OPENWEATHER_TIMEOUT_MS: String(PRISM_TIMEOUT_MS),
      ...env,
    }),
    {
      logger: false,
      now: testClock().now,
    },
  );
  await app.ready();
  return app;
}

describe("prepareWeather against the mock", () => {
  test("without OPENWEATHER_API_KEY: the mock's weather, marked demo data", async (t) => {
    const app = await prepared({});
    t.after(() => app.close());
    const { token } = await sharedDealer();
    const res = await get(app, "/weather?location=Berlin", { token, encoding: "protobuf" });
    assert.equal(res.status, 200);
    assert.equal(res.body.place, "Berlin");
    assert.equal(res.body.temperature, 12.4);
    assert.equal(res.body.demo, true);
    assert.equal(res.headers["cache-control"], "max-age=600");
    assert.match((await get(app, "/ready")).body.checks[0].detail, /^demo data/);
  });

  test("without OPENWEATHER_API_KEY, in imperial: the mock's metric weather in °F and mph, not its °C as °F", async (t) => {
    const app = await prepared({});
    t.after(() => app.close());
    const { token } = await sharedDealer();
    const res = await get(app, "/weather?location=Berlin&units=imperial", { token });
    assert.equal(res.status, 200);
    assert.equal(res.body.units, "imperial");
    // The mock's Berlin is 12.4 °C, feels like 11.71 °C, wind 4.63 m/s.
    assert.equal(res.body.temperature, 54.32);
    assert.equal(res.body.feels_like, 53.08);
    assert.equal(res.body.wind_speed, 10.36);
    assert.equal(res.body.demo, true);
  });

  test("with OPENWEATHER_API_KEY: the same weather, not demo data", async (t) => {
    const app = await prepared({ OPENWEATHER_API_KEY: API_KEY });
    t.after(() => app.close());
    const { token } = await sharedDealer();
    const res = await get(app, "/weather?location=Berlin&units=metric", { token });
    assert.equal(res.status, 200);
    assert.equal(res.body.demo, false);
  });
});

describe("the service against the mock, answers chosen with Prefer", () => {
  let prefer: string | undefined;
  const wire = preferFetch(() => prefer);
  async function service(t: { after(fn: () => Promise<void>): void }) {
    const { dealer, token } = await sharedDealer();
    const weather = await buildTestWeather({
      dealer,
      upstreamUrl: mock.url,
      apiKey: API_KEY,
      fetch: wire.fetch,
      timeoutMs: PRISM_TIMEOUT_MS,
    });
    t.after(() => weather.close());
    return { app: weather.app, token };
  }

  test("weather for a place, in imperial units", async (t) => {
    const { app, token } = await service(t);
    prefer = "example=new_york_imperial";
    const res = await get(app, "/weather?location=New%20York,%20US&units=imperial", { token, encoding: "msgpack" });
    assert.equal(res.status, 200);
    assert.deepEqual(res.body, {
      place: "New York",
      country: "US",
      units: "imperial",
      temperature: 41.7,
      feels_like: 36.05,
      description: "clear sky",
      humidity: 48,
      wind_speed: 9.22,
      wind_direction: 310,
      observed_at: "2025-11-28T13:00:00.000Z",
      demo: false,
    });
  });

  test("an unknown city answers 404", async (t) => {
    const { app, token } = await service(t);
    prefer = "code=404";
    const res = await get(app, "/weather?location=Atlantis", { token });
    assert.equal(res.status, 404);
    assert.equal(res.body.code, "WEATHER_ERR_UNKNOWN_PLACE");
  });

  test("a refused key (401) and a rate limit (429) answer 503 with Retry-After", async (t) => {
    const { app, token } = await service(t);
    prefer = "code=401";
    const refused = await get(app, "/weather?location=Berlin", { token });
    assert.equal(refused.status, 503);
    assert.equal(refused.body.code, "WEATHER_ERR_UPSTREAM");
    assert.equal(refused.headers["retry-after"], "30");
    prefer = "code=429";
    const limited = await get(app, "/weather?location=Paris", { token });
    assert.equal(limited.status, 503);
    assert.equal(limited.headers["retry-after"], "60");
  });

  test("every call the service made was valid for the spec", () => {
    assert.deepEqual(wire.violations, []);
  });
});
