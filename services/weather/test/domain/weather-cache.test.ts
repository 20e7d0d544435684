import assert from "node:assert/strict";
import { test } from "node:test";
import type { CurrentWeather, CurrentWeatherSource } from "../../src/domain/current-weather-source.ts";
import type { PlaceQuery } from "../../src/domain/place-query.ts";
import { createWeatherCache } from "../../src/domain/weather-cache.ts";
import { BERLIN_METRIC } from "../../testing/index.ts";
import { testClock } from "../helper.ts";

/** A source that answers Berlin's weather named after the place asked, and counts its calls. */
function countingSource(answer: (query: PlaceQuery) => Promise<CurrentWeather> = async (query) => named(query)) {
  const calls: string[] = [];
  const source: CurrentWeatherSource = {
    current(query) {
      calls.push("q" in query ? query.q : `${query.lat},${query.lon}`);
      return answer(query);
    },
  };
  return { source, calls };
}

const named = (query: PlaceQuery): CurrentWeather => ({ ...BERLIN_METRIC, name: "q" in query ? query.q : "sea" });

test("a report is kept for the TTL (max-age counting down), then asked again", async () => {
  const clock = testClock();
  const { source, calls } = countingSource();
  const reports = createWeatherCache({ source, demo: false, ttlMs: 10_000, now: clock.now });
  assert.equal((await reports.report("Berlin", "metric")).maxAgeSeconds, 10);
  clock.advance(2_500);
  assert.equal((await reports.report(" berlin ", "metric")).maxAgeSeconds, 7, "the same place, however written");
  clock.advance(7_500);
  assert.equal((await reports.report("Berlin", "metric")).maxAgeSeconds, 0);
  assert.equal(calls.length, 1);
  clock.advance(1);
  assert.equal((await reports.report("Berlin", "metric")).maxAgeSeconds, 10);
  assert.equal(calls.length, 2, "asked again once the TTL has passed");
});

test("concurrent asks of one place share one call", async () => {
  let release: () => void = () => {};
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  const { source, calls } = countingSource(async (query) => {
    await held;
    return named(query);
  });
  const reports = createWeatherCache({ source, demo: false, ttlMs: 10_000, now: testClock().now });
  const both = Promise.all([reports.report("Berlin", "metric"), reports.report("Berlin", "metric")]);
  release();
  const [a, b] = await both;
  assert.equal(a.etag, b.etag);
  assert.equal(calls.length, 1);
});

test("a failed ask is not kept: the next ask calls again", async () => {
  let fail = true;
  const { source, calls } = countingSource(async (query) => {
    if (fail) throw new Error("down");
    return named(query);
  });
  const reports = createWeatherCache({ source, demo: false, ttlMs: 10_000, now: testClock().now });
  await assert.rejects(reports.report("Berlin", "metric"), /down/);
  fail = false;
  assert.equal((await reports.report("Berlin", "metric")).report.place, "Berlin");
  assert.equal(calls.length, 2);
});

test("at most maxEntries reports are kept: the least recently asked goes", async () => {
  const { source, calls } = countingSource();
  const reports = createWeatherCache({ source, demo: false, ttlMs: 10_000, maxEntries: 2, now: testClock().now });
  await reports.report("a", "metric");
  await reports.report("b", "metric");
  await reports.report("a", "metric");
  await reports.report("c", "metric");
  assert.deepEqual(calls, ["a", "b", "c"]);
  await reports.report("a", "metric");
  await reports.report("c", "metric");
  assert.deepEqual(calls, ["a", "b", "c"], "a and c are kept");
  await reports.report("b", "metric");
  assert.deepEqual(calls, ["a", "b", "c", "b"], "b went");
});

test("a TTL of 0 keeps nothing, but concurrent asks still share one call", async () => {
  const { source, calls } = countingSource();
  const reports = createWeatherCache({ source, demo: false, ttlMs: 0, now: testClock().now });
  const [a, b] = await Promise.all([reports.report("Berlin", "metric"), reports.report("Berlin", "metric")]);
  assert.equal(a.maxAgeSeconds, 0);
  assert.equal(b.maxAgeSeconds, 0);
  assert.equal(calls.length, 1);
  await reports.report("Berlin", "metric");
  assert.equal(calls.length, 2);
});

test("clear() forgets the kept reports", async () => {
  const { source, calls } = countingSource();
  const reports = createWeatherCache({ source, demo: false, ttlMs: 10_000, now: testClock().now });
  await reports.report("Berlin", "metric");
  reports.clear();
  await reports.report("Berlin", "metric");
  assert.equal(calls.length, 2);
});
