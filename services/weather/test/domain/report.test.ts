import assert from "node:assert/strict";
import { test } from "node:test";
import { spec } from "@jeeves/generated/specs/openweathermap";
import { MalformedAnswer, toReport } from "../../src/domain/report.ts";

/** The 200 examples of our OpenWeatherMap description, by name: what the mock answers. */
// biome-ignore lint/suspicious/noExplicitAny: reading the parsed spec document
const examples = (spec as any).paths["/data/2.5/weather"].get.responses["200"].content["application/json"].examples;
const example = (name: string) => structuredClone(examples[name].value);

test("toReport maps OpenWeatherMap's Berlin answer, keeping its decimals", () => {
  assert.deepEqual(toReport(example("berlin_metric"), "metric", false), {
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
  });
});

test("toReport says which units it was asked in, and whether the data is demo data", () => {
  const report = toReport(example("new_york_imperial"), "imperial", true);
  assert.equal(report.units, "imperial");
  assert.equal(report.temperature, 41.7);
  assert.equal(report.description, "clear sky");
  assert.equal(report.demo, true);
});

test("toReport leaves out the country and names no place for coordinates at sea", () => {
  const report = toReport(example("open_sea"), "metric", false);
  assert.equal(report.place, "");
  assert.equal("country" in report, false);
  assert.equal(report.description, "overcast clouds");
});

test("toReport takes the first condition, tolerates none, and leaves out a wind without direction", () => {
  const answer = example("berlin_metric");
  answer.weather = [
    { id: 701, main: "Mist", description: "mist", icon: "50d" },
    { id: 500, main: "Rain", description: "light rain", icon: "10d" },
  ];
  delete answer.wind.deg;
  const report = toReport(answer, "metric", false);
  assert.equal(report.description, "mist");
  assert.equal("wind_direction" in report, false);
  answer.weather = [];
  assert.equal(toReport(answer, "metric", false).description, "");
});

test("toReport refuses an answer without the readings it needs", () => {
  const broken: [string, (answer: ReturnType<typeof example>) => void][] = [
    ["main", (a) => delete a.main],
    ["main.temp", (a) => (a.main.temp = "12")],
    ["main.humidity", (a) => delete a.main.humidity],
    ["wind", (a) => delete a.wind],
    ["dt", (a) => delete a.dt],
    ["weather", (a) => (a.weather = "rain")],
  ];
  for (const [field, breakIt] of broken) {
    const answer = example("berlin_metric");
    breakIt(answer);
    assert.throws(() => toReport(answer, "metric", false), MalformedAnswer, field);
    assert.throws(() => toReport(answer, "metric", false), new RegExp(field.replace(".", "\\.")), field);
  }
  assert.throws(() => toReport("<html>", "metric", false), MalformedAnswer);
});
