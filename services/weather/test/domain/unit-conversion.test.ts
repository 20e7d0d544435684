import assert from "node:assert/strict";
import { test } from "node:test";
import type { WeatherReport } from "../../src/domain/report.ts";
import { reportIn } from "../../src/domain/unit-conversion.ts";

const berlin: WeatherReport = {
  place: "Berlin",
  country: "DE",
  units: "metric",
  temperature: 12.4,
  feels_like: -40,
  description: "light rain",
  humidity: 76,
  wind_speed: 4.63,
  wind_direction: 250,
  observed_at: "2025-11-28T08:00:00.000Z",
  demo: true,
};

test("reportIn converts °C to °F and m/s to mph, to two decimals, and keeps everything else", () => {
  assert.deepEqual(reportIn(berlin, "imperial"), {
    ...berlin,
    units: "imperial",
    temperature: 54.32,
    feels_like: -40,
    wind_speed: 10.36,
  });
});

test("reportIn converts back, and leaves a report already in the units as it is", () => {
  const imperial = reportIn(berlin, "imperial");
  const back = reportIn(imperial, "metric");
  assert.equal(back.units, "metric");
  assert.equal(back.temperature, 12.4);
  assert.equal(back.wind_speed, 4.63);
  assert.equal(reportIn(berlin, "metric"), berlin);
  assert.equal(reportIn({ ...berlin, temperature: 0 }, "imperial").temperature, 32);
});
