import assert from "node:assert/strict";
import { test } from "node:test";
import { cacheKey, describeQuery, placeQuery } from "../../src/domain/place-query.ts";

test("placeQuery reads place names and coordinates as people write them", () => {
  const cases: [string, ReturnType<typeof placeQuery>][] = [
    ["Berlin", { q: "Berlin" }],
    ["  New   York  ", { q: "New York" }],
    ["Saint-Denis , FR", { q: "Saint-Denis,FR" }],
    ["Portland, OR, US", { q: "Portland,OR,US" }],
    ["52.52,13.41", { lat: 52.52, lon: 13.41 }],
    [" -33.8688 , 151.2093 ", { lat: -33.8688, lon: 151.2093 }],
    ["+0,0", { lat: 0, lon: 0 }],
    ["91,10", { q: "91,10" }],
    ["45,181", { q: "45,181" }],
    ["1,2,3", { q: "1,2,3" }],
    ["10115,DE", { q: "10115,DE" }],
  ];
  for (const [location, want] of cases) assert.deepEqual(placeQuery(location), want, location);
});

test("cacheKey is the same for one place however it is cased or spaced, and differs by units", () => {
  const key = (location: string, units: "metric" | "imperial" = "metric") => cacheKey(placeQuery(location), units);
  assert.equal(key("Berlin"), key("  BERLIN "));
  assert.equal(key("Saint-Denis, FR"), key("saint-denis,fr"));
  assert.equal(key("52.52, 13.41"), key("52.520,13.410"));
  assert.notEqual(key("Berlin"), key("Berlin", "imperial"));
  assert.notEqual(key("Berlin"), key("Bern"));
  assert.notEqual(key("Paris,FR"), key("Paris,US"));
});

test("describeQuery names the place or the coordinates", () => {
  assert.equal(describeQuery(placeQuery(" Atlantis ")), "Atlantis");
  assert.equal(describeQuery(placeQuery("52.52, 13.41")), "52.52,13.41");
});
