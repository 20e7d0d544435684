import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { TokenProvider } from "@jeeves/client-kit";
import { createWeatherServiceReports, UnknownPlace, WeatherUnavailable } from "../src/index.ts";

const fakeAuth: TokenProvider = { token: async () => "not-a-real-token", invalidate() {} };

const PARIS = {
  place: "Paris",
  country: "FR",
  units: "metric",
  temperature: 12.4,
  feels_like: 9.6,
  description: "light rain",
  humidity: 81,
  wind_speed: 4.1,
  observed_at: "2026-11-28T08:00:00.000Z",
  demo: false,
};

function answering(status: number, body?: unknown, seen: Request[] = []) {
  return async (request: Request) => {
    seen.push(request);
    return new Response(body === undefined ? JSON.stringify({ title: "x", status }) : JSON.stringify(body), {
      status,
      headers: { "content-type": body === undefined ? "application/problem+json" : "application/json" },
    });
  };
}

describe("the weather service adapter", () => {
  it("asks GET /weather with the place, the units and a bearer token, and answers the report", async () => {
    const seen: Request[] = [];
    const reports = createWeatherServiceReports({
      baseUrl: "http://weather.test",
      auth: fakeAuth,
      fetch: answering(200, PARIS, seen),
    });
    const report = await reports.current("Saint-Denis, FR", "imperial");
    assert.equal(report.place, "Paris");
    assert.equal(report.temperature, 12.4);
    const url = new URL(seen[0].url);
    assert.equal(url.pathname, "/weather");
    assert.equal(url.searchParams.get("location"), "Saint-Denis, FR");
    assert.equal(url.searchParams.get("units"), "imperial");
    assert.equal(seen[0].headers.get("authorization"), "Bearer not-a-real-token");
  });

  it("turns 404 into UnknownPlace, and 5xx, 401 or no answer into WeatherUnavailable", async () => {
    const at = (fetch: (r: Request) => Promise<Response>) =>
      createWeatherServiceReports({ baseUrl: "http://weather.test", auth: fakeAuth, fetch }).current(
        "Atlantis",
        "metric",
      );
    await assert.rejects(at(answering(404)), UnknownPlace);
    for (const status of [503, 500, 401]) await assert.rejects(at(answering(status)), WeatherUnavailable, `${status}`);
    await assert.rejects(
      at(async () => {
        throw new TypeError("fetch failed");
      }),
      (error: unknown) => error instanceof WeatherUnavailable && /fetch failed/.test(error.message),
    );
  });
});
