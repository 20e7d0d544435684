import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { createOpenWeatherMap } from "../../src/adapters/openweathermap.ts";
import { UnknownPlace, UpstreamUnavailable } from "../../src/domain/upstream-errors.ts";
import { API_KEY } from "../helper.ts";
import { type PrismMock, preferFetch, startPrismMock } from "../prism.ts";

// The generated client (client-kit's createClient on the external, JSON-only spec) against a Prism mock
// of specs/openapi/external/openweathermap.yaml: Prism validates every request, so a call the spec does
// not allow would show up as a violation.
let mock: PrismMock;
let prefer: string | undefined;
const wire = preferFetch(() => prefer);

before(async () => {
  mock = await startPrismMock();
});
after(() => mock.close());

const source = () => createOpenWeatherMap({ baseUrl: mock.url, apiKey: API_KEY, fetch: wire.fetch, timeoutMs: 30_000 });

test("a place by name in metric units gets the spec's Berlin answer, typed", async () => {
  prefer = undefined;
  const answer = await source().current({ q: "Berlin,DE" }, "metric");
  assert.equal(answer.name, "Berlin");
  assert.equal(answer.sys.country, "DE");
  assert.equal(answer.main.temp, 12.4);
  assert.equal(answer.weather[0].description, "light rain");
  assert.deepEqual(wire.violations, []);
});

test("coordinates and imperial units are valid calls too", async () => {
  prefer = "example=new_york_imperial";
  const answer = await source().current({ lat: 40.7143, lon: -74.006 }, "imperial");
  assert.equal(answer.name, "New York");
  assert.deepEqual(wire.violations, []);
});

test("the mock's 404 is an unknown place, its 401 and 429 unavailability", async () => {
  prefer = "code=404";
  await assert.rejects(source().current({ q: "Atlantis" }, "metric"), UnknownPlace);
  prefer = "code=400";
  await assert.rejects(source().current({ q: "Atlantis" }, "metric"), UnknownPlace);
  prefer = "code=401";
  await assert.rejects(source().current({ q: "Berlin" }, "metric"), /refused the API key/);
  prefer = "code=429";
  await assert.rejects(source().current({ q: "Berlin" }, "metric"), UpstreamUnavailable);
  assert.deepEqual(wire.violations, []);
});

test("the mock refuses a call without a key, as OpenWeatherMap does", async () => {
  prefer = undefined;
  const response = await fetch(`${mock.url}/data/2.5/weather?q=Berlin&units=metric`);
  assert.equal(response.status, 401);
  await response.arrayBuffer();
});
