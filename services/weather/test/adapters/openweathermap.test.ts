import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import {
  createOpenWeatherMap,
  RATE_LIMITED_RETRY_AFTER_SECONDS,
  UPSTREAM_RETRY_AFTER_SECONDS,
} from "../../src/adapters/openweathermap.ts";
import { UnknownPlace, UpstreamUnavailable } from "../../src/domain/upstream-errors.ts";
import {
  BERLIN_METRIC,
  DEFAULT_SCRIPT,
  type FakeOpenWeatherMap,
  startFakeOpenWeatherMap,
} from "../../testing/index.ts";
import { API_KEY } from "../helper.ts";

let fake: FakeOpenWeatherMap;
before(async () => {
  fake = await startFakeOpenWeatherMap();
});
after(() => fake.close());

function client(options: { timeoutMs?: number; baseUrl?: string; lines?: { fields: object; message: string }[] } = {}) {
  const lines = options.lines ?? [];
  const source = createOpenWeatherMap({
    baseUrl: options.baseUrl ?? fake.url,
    apiKey: API_KEY,
    timeoutMs: options.timeoutMs,
    logger: { debug: (fields, message) => lines.push({ fields, message }) },
  });
  return { source, lines };
}

function reset() {
  fake.calls.length = 0;
  fake.script = DEFAULT_SCRIPT;
}

test("asks for the place in the units with the key as appid, and answers OpenWeatherMap's JSON", async () => {
  reset();
  const { source } = client();
  const answer = await source.current({ q: "Saint-Denis,FR" }, "imperial");
  assert.equal(answer.name, "Saint-Denis");
  assert.equal(answer.main.temp, BERLIN_METRIC.main.temp);
  assert.equal(fake.calls.length, 1);
  assert.deepEqual(Object.fromEntries(fake.calls[0]), { q: "Saint-Denis,FR", units: "imperial", appid: API_KEY });
});

test("asks for coordinates as lat and lon", async () => {
  reset();
  await client().source.current({ lat: 52.52, lon: 13.41 }, "metric");
  assert.deepEqual(Object.fromEntries(fake.calls[0]), { lat: "52.52", lon: "13.41", units: "metric", appid: API_KEY });
});

test("404 and 400 are an unknown place; 401, 429, 5xx and other answers are unavailability with Retry-After", async () => {
  reset();
  const cases: [number, unknown, (error: unknown) => boolean][] = [
    [404, { cod: "404", message: "city not found" }, (e) => e instanceof UnknownPlace && e.place === "Atlantis"],
    [400, { cod: "400", message: "Nothing to geocode" }, (e) => e instanceof UnknownPlace],
    [401, { cod: 401, message: "Invalid API key." }, unavailable(UPSTREAM_RETRY_AFTER_SECONDS, /refused the API key/)],
    [429, { cod: 429, message: "blocked" }, unavailable(RATE_LIMITED_RETRY_AFTER_SECONDS, /rate-limited/)],
    [500, { cod: 500, message: "Internal error" }, unavailable(UPSTREAM_RETRY_AFTER_SECONDS, /answered 500/)],
    [502, undefined, unavailable(UPSTREAM_RETRY_AFTER_SECONDS, /answered 502/)],
    [301, undefined, unavailable(UPSTREAM_RETRY_AFTER_SECONDS, /answered 301/)],
  ];
  for (const [status, body, check] of cases) {
    fake.script = () => ({ status, body });
    await assert.rejects(client().source.current({ q: "Atlantis" }, "metric"), check, `status ${status}`);
  }
});

function unavailable(retryAfter: number, message: RegExp) {
  return (error: unknown) =>
    error instanceof UpstreamUnavailable && error.retryAfterSeconds === retryAfter && message.test(error.message);
}

/** Far beyond any timeout of these tests: only a working timeout ends the call before this answer. */
const LATE_MS = 60_000;

test("an answer later than the timeout is unavailability", async () => {
  reset();
  fake.script = () => ({ status: 200, body: BERLIN_METRIC, delayMs: LATE_MS });
  await assert.rejects(
    client({ timeoutMs: 100 }).source.current({ q: "Berlin" }, "metric"),
    unavailable(UPSTREAM_RETRY_AFTER_SECONDS, /did not answer within 100 ms/),
  );
});

test("an unreachable OpenWeatherMap is unavailability, its cause kept without the key", async () => {
  const closed = await startFakeOpenWeatherMap();
  await closed.close();
  const error = await client({ baseUrl: closed.url })
    .source.current({ q: "Berlin" }, "metric")
    .then(
      () => assert.fail("answered"),
      (e: unknown) => e,
    );
  assert.ok(error instanceof UpstreamUnavailable);
  assert.match(error.message, /could not be reached/);
  assert.ok(error.cause instanceof Error);
});

test("a 200 without a JSON body is unavailability", async () => {
  reset();
  for (const raw of ["", "<html>Bad gateway</html>"]) {
    fake.script = () => ({ status: 200, raw });
    await assert.rejects(client().source.current({ q: "Berlin" }, "metric"), UpstreamUnavailable, raw);
  }
});

test("each call is logged with its status and duration, appid redacted, the key nowhere", async () => {
  reset();
  // The answered call has the default timeout (a slow machine must not fail it); the late one a short one.
  const { source, lines } = client();
  await source.current({ q: "Berlin" }, "metric");
  fake.script = () => ({ status: 200, body: BERLIN_METRIC, delayMs: LATE_MS });
  await assert.rejects(client({ timeoutMs: 100, lines }).source.current({ q: "Berlin" }, "metric"));
  assert.equal(lines.length, 2);
  const [answered, failed] = lines.map((line) => line.fields as Record<string, unknown>);
  assert.equal(answered.status, 200);
  assert.equal(typeof answered.ms, "number");
  assert.match(String(answered.request), /^GET http:\/\/127\.0\.0\.1:\d+\/data\/2\.5\/weather\?.*appid=\[redacted\]/);
  assert.match(String(failed.request), /appid=\[redacted\]/);
  assert.equal(typeof failed.error, "string");
  assert.doesNotMatch(JSON.stringify(lines), new RegExp(API_KEY));
});
