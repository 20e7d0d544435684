import assert from "node:assert/strict";
import { test } from "node:test";
import { noneMatchHits, reportEtag } from "../../src/domain/etag.ts";
import type { WeatherReport } from "../../src/domain/report.ts";

const report: WeatherReport = {
  place: "Berlin",
  country: "DE",
  units: "metric",
  temperature: 12.4,
  feels_like: 11.71,
  description: "light rain",
  humidity: 76,
  wind_speed: 4.63,
  observed_at: "2025-11-28T08:00:00.000Z",
  demo: false,
};

test("the ETag is strong, follows the content and ignores the order of the fields", () => {
  const etag = reportEtag(report);
  assert.match(etag, /^"[\w-]{22}"$/);
  const reordered = Object.fromEntries(Object.entries(report).reverse()) as WeatherReport;
  assert.equal(reportEtag(reordered), etag);
  assert.notEqual(reportEtag({ ...report, temperature: 12.5 }), etag);
  assert.notEqual(reportEtag({ ...report, observed_at: "2025-11-28T08:10:00.000Z" }), etag);
  assert.notEqual(reportEtag({ ...report, demo: true }), etag);
});

test("If-None-Match hits the current tag, in a list, weak or *, and nothing else", () => {
  const etag = reportEtag(report);
  assert.equal(noneMatchHits(etag, etag), true);
  assert.equal(noneMatchHits(`"other", ${etag}`, etag), true);
  assert.equal(noneMatchHits(`W/${etag}`, etag), true);
  assert.equal(noneMatchHits("*", etag), true);
  assert.equal(noneMatchHits('"other"', etag), false);
  assert.equal(noneMatchHits(undefined, etag), false);
  assert.equal(noneMatchHits("", etag), false);
});
