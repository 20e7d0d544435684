import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createTokenProvider } from "@jeeves/client-kit";
import { buildTestWeather } from "@jeeves/weather/testing";
import { createWeatherServiceReports, UnknownPlace, WeatherRejected, WeatherUnavailable } from "@jeeves/weather-client";
import { WEATHER_SCOPES } from "../../src/service.ts";
import { dealer } from "../helper.ts";

/** The weather service for tests (a fake OpenWeatherMap behind it: Berlin's weather anywhere, Atlantis unknown). */
async function weatherService(t: { after(fn: () => Promise<void>): void }, encoding?: "json" | "msgpack" | "protobuf") {
  const tokens = await dealer();
  const weather = await buildTestWeather({ dealer: tokens });
  t.after(() => weather.close());
  const url = await weather.app.listen({ port: 0, host: "127.0.0.1" });
  const client = await tokens.addClient(`weather-${Math.random().toString(36).slice(2, 10)}`, WEATHER_SCOPES, [
    "weather",
  ]);
  const accepted: string[] = [];
  const reports = createWeatherServiceReports({
    baseUrl: url,
    auth: createTokenProvider({
      tokendealerUrl: tokens.url,
      clientId: client.id,
      clientSecret: client.secret,
      audience: "weather",
      scopes: WEATHER_SCOPES,
    }),
    encoding,
    fetch: (request) => {
      accepted.push(`${new URL(request.url).search} ${request.headers.get("accept")?.split(",")[0]}`);
      return fetch(request);
    },
  });
  return { reports, accepted };
}

for (const encoding of ["json", "msgpack", "protobuf"] as const) {
  describe(`the weather service over ${encoding}`, () => {
    it("answers the report of a place in the units asked for, and UnknownPlace for a place it does not know", async (t) => {
      const { reports, accepted } = await weatherService(t, encoding);
      // The fake OpenWeatherMap answers Berlin's weather under the name asked for; no key: demo data, asked
      // in metric (12.4 °C, feels like 11.71 °C) and converted by the weather service to the °F asked for.
      const { place, country, temperature, feels_like, description, demo } = await reports.current("Paris", "imperial");
      assert.deepEqual(
        { place, country, temperature, feels_like, description, demo },
        {
          place: "Paris",
          country: "DE",
          temperature: 54.32,
          feels_like: 53.08,
          description: "light rain",
          demo: true,
        },
      );
      await assert.rejects(reports.current("Atlantis", "metric"), UnknownPlace);
      const wire = { json: "application/json", msgpack: "application/msgpack", protobuf: "application/x-protobuf" };
      assert.deepEqual(accepted, [
        `?location=Paris&units=imperial ${wire[encoding]}`,
        `?location=Atlantis&units=metric ${wire[encoding]}`,
      ]);
    });
  });
}

describe("the weather service when it cannot help", () => {
  const problem = (status: number, code: string) =>
    new Response(JSON.stringify({ type: "urn:jeeves:problem:x", title: "x", status, code }), {
      status,
      headers: { "content-type": "application/problem+json" },
    });
  const withAnswer = (answer: () => Promise<Response>) =>
    createWeatherServiceReports({
      baseUrl: "http://weather.test",
      auth: { token: async () => "a-token", invalidate() {} },
      fetch: answer,
    });

  it("throws WeatherUnavailable for a 503, naming the code", async () => {
    await assert.rejects(
      withAnswer(async () => problem(503, "WEATHER_ERR_UPSTREAM")).current("Paris", "metric"),
      (error: unknown) =>
        error instanceof WeatherUnavailable && /answered 503 WEATHER_ERR_UPSTREAM/.test(error.message),
    );
  });

  it("throws WeatherUnavailable when the service does not answer", async () => {
    await assert.rejects(
      withAnswer(async () => {
        throw new TypeError("fetch failed");
      }).current("Paris", "metric"),
      (error: unknown) => error instanceof WeatherUnavailable && /fetch failed/.test(error.message),
    );
  });

  it("throws WeatherRejected (a 4xx is permanent: no retry) when our token is refused (403)", async () => {
    await assert.rejects(
      withAnswer(async () => problem(403, "SERVICE_ERR_INSUFFICIENT_SCOPE")).current("Paris", "metric"),
      (error: unknown) => error instanceof WeatherRejected && error.reason === "not-allowed" && error.status === 403,
    );
  });
});

describe("the real weather service on a place longer than it takes", () => {
  it("answers 400, which the client reads as WeatherRejected place-too-long", async (t) => {
    const { reports } = await weatherService(t);
    await assert.rejects(
      reports.current("Llanfair".repeat(38), "metric"),
      (error: unknown) => error instanceof WeatherRejected && error.reason === "place-too-long" && error.status === 400,
    );
  });

  it("answers 431 to a place of 20,000 characters (too long for a request line), read as place-too-long", async (t) => {
    const { reports } = await weatherService(t);
    await assert.rejects(
      reports.current("x".repeat(20_000), "metric"),
      (error: unknown) => error instanceof WeatherRejected && error.reason === "place-too-long" && error.status === 431,
    );
  });
});
