import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { Encoding } from "@jeeves/codecs";
import { BERLIN_METRIC } from "../../testing/index.ts";
import { API_KEY, build, captureLogs, testClock } from "../helper.ts";
import { get } from "../wire.ts";

const BERLIN_REPORT = {
  place: "Berlin",
  country: "DE",
  units: "metric",
  temperature: 12.4,
  feels_like: 11.71,
  description: "light rain",
  humidity: 76,
  wind_speed: 4.63,
  wind_direction: 250,
  observed_at: "2025-11-28T08:00:00.000Z",
  demo: false,
};

const ENCODINGS: { encoding: Encoding; type: string }[] = [
  { encoding: "json", type: "application/json" },
  { encoding: "msgpack", type: "application/msgpack" },
  { encoding: "protobuf", type: "application/x-protobuf" },
];

describe("the report", () => {
  test("GET /weather answers the report of the place, kept 10 minutes, asked in metric units with our key", async (t) => {
    const { app, token, upstream } = await build(t);
    const res = await get(app, "/weather?location=Berlin", { token });
    assert.equal(res.status, 200);
    assert.deepEqual(res.body, BERLIN_REPORT);
    assert.equal(res.headers["cache-control"], "max-age=600");
    assert.match(String(res.headers.etag), /^"[\w-]{22}"$/);
    assert.deepEqual(Object.fromEntries(upstream.calls[0]), { q: "Berlin", units: "metric", appid: API_KEY });
  });

  for (const { encoding, type } of ENCODINGS) {
    for (const gzip of [false, true]) {
      test(`the report comes in ${encoding}${gzip ? " (gzip accepted)" : ""} with the same values and ETag`, async (t) => {
        const { app, token } = await build(t);
        const json = await get(app, "/weather?location=Berlin", { token });
        const res = await get(app, "/weather?location=Berlin", { token, encoding, gzip });
        assert.equal(res.status, 200);
        assert.equal(res.contentType, type);
        assert.deepEqual(res.body, BERLIN_REPORT);
        assert.equal(res.headers.etag, json.headers.etag);
        assert.equal(res.gzipped, false, "a report is below 1 KiB: never gzipped");
      });
    }
  }

  test("a report at sea has no country in any encoding, and demo false survives protobuf", async (t) => {
    const { app, token, upstream } = await build(t);
    upstream.script = () => ({ status: 200, body: { ...BERLIN_METRIC, name: "", sys: { sunrise: 1, sunset: 2 } } });
    for (const { encoding } of ENCODINGS) {
      const res = await get(app, "/weather?location=0,0", { token, encoding });
      assert.equal(res.body.place, "");
      assert.equal("country" in res.body, false, encoding);
      assert.equal(res.body.demo, false, encoding);
    }
    assert.deepEqual(Object.fromEntries(upstream.calls[0]), { lat: "0", lon: "0", units: "metric", appid: API_KEY });
  });

  test("units=imperial is asked of OpenWeatherMap and said in the report", async (t) => {
    const { app, token, upstream } = await build(t);
    const res = await get(app, "/weather?location=New%20York&units=imperial", { token });
    assert.equal(res.body.units, "imperial");
    assert.equal(upstream.calls[0].get("units"), "imperial");
  });

  test("an unknown place answers 404 WEATHER_ERR_UNKNOWN_PLACE", async (t) => {
    const { app, token } = await build(t);
    const res = await get(app, "/weather?location=Atlantis", { token });
    assert.equal(res.status, 404);
    assert.equal(res.contentType, "application/problem+json");
    assert.equal(res.body.code, "WEATHER_ERR_UNKNOWN_PLACE");
    assert.equal(res.body.detail, 'no place called "Atlantis" is known');
  });

  test("a request without a location, with bad units or a blank location answers 400", async (t) => {
    const { app, token, upstream } = await build(t);
    for (const url of ["/weather", "/weather?location=Berlin&units=kelvin", "/weather?location=%20%20"]) {
      const res = await get(app, url, { token });
      assert.equal(res.status, 400, url);
      assert.equal(res.body.code, "SERVICE_ERR_VALIDATION", url);
    }
    assert.equal(upstream.calls.length, 0);
  });
});

/** Far beyond any timeout of these tests: only a working timeout ends the call before this answer. */
const LATE_MS = 60_000;

describe("when OpenWeatherMap cannot answer", () => {
  const cases: [string, (fake: Awaited<ReturnType<typeof build>>["upstream"]) => void, string][] = [
    [
      "refuses our key (401)",
      (f) => (f.script = () => ({ status: 401, body: { cod: 401, message: "Invalid" } })),
      "30",
    ],
    ["fails (500)", (f) => (f.script = () => ({ status: 500, body: { cod: 500, message: "Internal" } })), "30"],
    ["is unavailable (503)", (f) => (f.script = () => ({ status: 503, raw: "<html>" })), "30"],
    ["rate-limits our key (429)", (f) => (f.script = () => ({ status: 429, body: { cod: 429, message: "x" } })), "60"],
    ["answers too late", (f) => (f.script = () => ({ status: 200, body: BERLIN_METRIC, delayMs: LATE_MS })), "30"],
    ["answers nonsense", (f) => (f.script = () => ({ status: 200, body: { cod: 200, name: "Berlin" } })), "30"],
    ["is not there", (f) => void f.close(), "30"],
  ];
  for (const [what, breakIt, retryAfter] of cases) {
    test(`it ${what}: 503 WEATHER_ERR_UPSTREAM with Retry-After ${retryAfter}`, async (t) => {
      // Only the late answer meets a short timeout; the others keep the default, however slow the machine.
      const { app, token, upstream } = await build(t, what === "answers too late" ? { timeoutMs: 200 } : {});
      breakIt(upstream);
      const res = await get(app, "/weather?location=Berlin", { token });
      assert.equal(res.status, 503);
      assert.equal(res.contentType, "application/problem+json");
      assert.equal(res.body.code, "WEATHER_ERR_UPSTREAM");
      assert.equal(res.body.detail, undefined, "a 5xx problem tells no details");
      assert.equal(res.headers["retry-after"], retryAfter);
    });
  }

  test("a failure is not kept: the next ask calls OpenWeatherMap again", async (t) => {
    const { app, token, upstream } = await build(t);
    upstream.script = () => ({ status: 500, body: { cod: 500, message: "Internal" } });
    assert.equal((await get(app, "/weather?location=Berlin", { token })).status, 503);
    upstream.script = () => ({ status: 200, body: BERLIN_METRIC });
    assert.equal((await get(app, "/weather?location=Berlin", { token })).status, 200);
    assert.equal(upstream.calls.length, 2);
  });
});

describe("the cache", () => {
  test("a second ask within 10 minutes, however cased or spaced, costs no call", async (t) => {
    const { app, token, upstream } = await build(t);
    const first = await get(app, "/weather?location=Berlin", { token });
    const second = await get(app, "/weather?location=%20%20BERLIN%20", { token });
    assert.equal(second.status, 200);
    assert.deepEqual(second.body, first.body);
    assert.equal(upstream.calls.length, 1);
    await get(app, "/weather?location=Berlin&units=imperial", { token });
    assert.equal(upstream.calls.length, 2, "other units are another report");
  });

  test("concurrent asks for one place share one call", async (t) => {
    const { app, token, upstream } = await build(t);
    upstream.script = () => ({ status: 200, body: BERLIN_METRIC, delayMs: 50 });
    const answers = await Promise.all([1, 2, 3].map(() => get(app, "/weather?location=Berlin", { token })));
    assert.deepEqual(
      answers.map((a) => a.status),
      [200, 200, 200],
    );
    assert.equal(upstream.calls.length, 1);
  });

  test("Cache-Control counts down the seconds left; past 10 minutes OpenWeatherMap is asked again", async (t) => {
    const clock = testClock();
    const { app, token, upstream } = await build(t, { now: clock.now });
    assert.equal((await get(app, "/weather?location=Berlin", { token })).headers["cache-control"], "max-age=600");
    clock.advance(61_000);
    assert.equal((await get(app, "/weather?location=Berlin", { token })).headers["cache-control"], "max-age=539");
    clock.advance(538_500);
    assert.equal((await get(app, "/weather?location=Berlin", { token })).headers["cache-control"], "max-age=0");
    assert.equal(upstream.calls.length, 1);
    clock.advance(501);
    assert.equal((await get(app, "/weather?location=Berlin", { token })).headers["cache-control"], "max-age=600");
    assert.equal(upstream.calls.length, 2);
  });

  test("If-None-Match with the ETag answers 304 without a body; a stale tag gets the report", async (t) => {
    const clock = testClock();
    const { app, token, upstream } = await build(t, { now: clock.now });
    const first = await get(app, "/weather?location=Berlin", { token });
    const etag = String(first.headers.etag);
    clock.advance(10_000);
    const notModified = await get(app, "/weather?location=Berlin", { token, headers: { "if-none-match": etag } });
    assert.equal(notModified.status, 304);
    assert.equal(notModified.body, undefined);
    assert.equal(notModified.headers.etag, etag);
    assert.equal(notModified.headers["cache-control"], "max-age=590");
    for (const { encoding } of ENCODINGS) {
      const weak = await get(app, "/weather?location=Berlin", {
        token,
        encoding,
        headers: { "if-none-match": `W/${etag}` },
      });
      assert.equal(weak.status, 304, encoding);
    }
    const stale = await get(app, "/weather?location=Berlin", { token, headers: { "if-none-match": '"stale"' } });
    assert.equal(stale.status, 200);
    // After 10 minutes the weather is asked again: the same weather keeps its tag, new weather changes it.
    clock.advance(600_000);
    const same = await get(app, "/weather?location=Berlin", { token, headers: { "if-none-match": etag } });
    assert.equal(same.status, 304);
    upstream.script = () => ({ status: 200, body: { ...BERLIN_METRIC, dt: BERLIN_METRIC.dt + 600 } });
    clock.advance(600_001);
    const changed = await get(app, "/weather?location=Berlin", { token, headers: { "if-none-match": etag } });
    assert.equal(changed.status, 200);
    assert.notEqual(changed.headers.etag, etag);
    assert.equal(upstream.calls.length, 3);
  });
});

describe("access", () => {
  test("without a token: 401 with WWW-Authenticate, and OpenWeatherMap is not called", async (t) => {
    const { app, upstream } = await build(t);
    const res = await get(app, "/weather?location=Berlin");
    assert.equal(res.status, 401);
    assert.equal(res.body.code, "SERVICE_ERR_UNAUTHENTICATED");
    assert.match(String(res.headers["www-authenticate"]), /^Bearer/);
    assert.equal(upstream.calls.length, 0);
  });

  test("a token without weather:read: 403; a token for another audience: 401", async (t) => {
    const { app, tokenWith, upstream } = await build(t);
    const noScope = await get(app, "/weather?location=Berlin", { token: await tokenWith(["users:read"]) });
    assert.equal(noScope.status, 403);
    assert.equal(noScope.body.code, "SERVICE_ERR_INSUFFICIENT_SCOPE");
    const otherAudience = await tokenWith(["weather:read"], "dataservice");
    const wrongAudience = await get(app, "/weather?location=Berlin", { token: otherAudience });
    assert.equal(wrongAudience.status, 401);
    assert.equal(upstream.calls.length, 0);
  });
});

describe("demo data and the key", () => {
  test("without an API key the key `demo` is sent and every report says demo: true", async (t) => {
    const { app, token, upstream } = await build(t, { apiKey: undefined });
    for (const { encoding } of ENCODINGS) {
      const res = await get(app, "/weather?location=Berlin", { token, encoding });
      assert.equal(res.body.demo, true, encoding);
    }
    assert.equal(upstream.calls[0].get("appid"), "demo");
  });

  test("demo data is asked in metric (the mock answers metric whatever it is asked) and converted", async (t) => {
    const { app, token, upstream } = await build(t, { apiKey: undefined });
    const res = await get(app, "/weather?location=Berlin&units=imperial", { token });
    assert.equal(upstream.calls[0].get("units"), "metric");
    assert.equal(res.body.units, "imperial");
    assert.equal(res.body.temperature, 54.32, "the fake's Berlin is 12.4 °C");
  });

  test("the API key is never logged, whatever happens; the calls are, with appid redacted", async (t) => {
    const logs = captureLogs();
    const { app, token, upstream } = await build(t, { logger: logs.logger, timeoutMs: 1_000 });
    await get(app, "/weather?location=Berlin", { token });
    await get(app, "/weather?location=Atlantis", { token });
    const answers = [
      { status: 401, body: { cod: 401, message: `Invalid API key ${API_KEY}` } },
      { status: 500, body: { cod: 500, message: "Internal error" } },
      { status: 200, body: BERLIN_METRIC, delayMs: LATE_MS },
      { status: 200, raw: `not json ${API_KEY}` },
    ];
    for (const [i, answer] of answers.entries()) {
      upstream.script = () => answer;
      assert.equal((await get(app, `/weather?location=Place${i}`, { token })).status, 503);
    }
    await upstream.close();
    assert.equal((await get(app, "/weather?location=Nowhere", { token })).status, 503);
    const text = logs.lines.join("");
    assert.ok(logs.lines.length > 10);
    assert.match(text, /appid=\[redacted\]/);
    assert.match(text, /WEATHER_ERR_UPSTREAM|Weather unavailable|refused the API key/);
    assert.equal(text.includes(API_KEY), false, "the key is in a log line");
  });
});
