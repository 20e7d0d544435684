import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { TokenProvider } from "@jeeves/client-kit";
import { spec } from "@jeeves/generated/specs/weather";
import {
  createWeatherServiceReports,
  MAX_PLACE_LENGTH,
  UnknownPlace,
  WeatherRejected,
  WeatherUnavailable,
} from "../src/index.ts";

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

  // A 4xx is permanent (the person is answered at once); only 408, 429, 5xx and no answer are worth a retry.
  const SHORT = "Atlantis";
  const LONG = "A".repeat(300);
  const table: {
    status: number;
    place: string;
    body?: "none";
    expected: "UnknownPlace" | `WeatherRejected ${string}` | "WeatherUnavailable";
  }[] = [
    { status: 404, place: SHORT, expected: "UnknownPlace" },
    { status: 400, place: LONG, expected: "WeatherRejected place-too-long" },
    { status: 400, place: SHORT, expected: "WeatherRejected bad-place" },
    { status: 431, place: LONG, body: "none", expected: "WeatherRejected place-too-long" },
    { status: 414, place: LONG, body: "none", expected: "WeatherRejected place-too-long" },
    { status: 401, place: SHORT, expected: "WeatherRejected not-allowed" },
    { status: 403, place: SHORT, expected: "WeatherRejected not-allowed" },
    { status: 406, place: SHORT, expected: "WeatherRejected refused" },
    { status: 408, place: SHORT, body: "none", expected: "WeatherUnavailable" },
    { status: 429, place: SHORT, expected: "WeatherUnavailable" },
    { status: 500, place: SHORT, expected: "WeatherUnavailable" },
    { status: 502, place: SHORT, body: "none", expected: "WeatherUnavailable" },
    { status: 503, place: SHORT, expected: "WeatherUnavailable" },
  ];
  for (const { status, place, body, expected } of table) {
    it(`answers ${status} for a ${place.length}-character place with ${expected}`, async () => {
      const fetch = body === "none" ? async () => new Response(null, { status }) : answering(status, undefined, []);
      const reports = createWeatherServiceReports({ baseUrl: "http://weather.test", auth: fakeAuth, fetch });
      const error = await reports.current(place, "metric").then(
        () => assert.fail("resolved"),
        (e: unknown) => e,
      );
      const seen =
        error instanceof WeatherRejected
          ? `WeatherRejected ${error.reason}`
          : error instanceof UnknownPlace
            ? "UnknownPlace"
            : error instanceof WeatherUnavailable
              ? "WeatherUnavailable"
              : String(error);
      assert.equal(seen, expected);
      if (error instanceof WeatherRejected) assert.equal(error.status, status);
    });
  }

  it("turns no answer into WeatherUnavailable", async () => {
    const reports = createWeatherServiceReports({
      baseUrl: "http://weather.test",
      auth: fakeAuth,
      fetch: async () => {
        throw new TypeError("fetch failed");
      },
    });
    await assert.rejects(
      reports.current("Atlantis", "metric"),
      (error: unknown) => error instanceof WeatherUnavailable && /fetch failed/.test(error.message),
    );
  });

  it("knows the longest place the weather spec takes", () => {
    const parameters = (spec as { paths: Record<string, { get: { parameters: unknown[] } }> }).paths["/weather"].get
      .parameters as { name: string; schema: { maxLength: number } }[];
    const location = parameters.find((p) => p.name === "location");
    assert.equal(location?.schema.maxLength, MAX_PLACE_LENGTH);
  });
});
