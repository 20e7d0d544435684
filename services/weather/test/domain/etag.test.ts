import assert from "node:assert/strict";
import { test } from "node:test";
import { reportEtag } from "../../src/domain/etag.ts";
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
