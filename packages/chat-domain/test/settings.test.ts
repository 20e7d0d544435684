import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { isUnits, UNITS, unitsOf } from "../src/settings.ts";

describe("UNITS and isUnits", () => {
  it("are the weather spec's units, written exactly", () => {
    assert.deepEqual(UNITS, ["metric", "imperial"]);
    for (const units of UNITS) assert.equal(isUnits(units), true, units);
    for (const text of ["Metric", " imperial", "kelvin", "", "toString", "__proto__"]) {
      assert.equal(isUnits(text), false, text);
    }
  });
});

describe("unitsOf", () => {
  it("reads the units setting, case and spaces aside; metric when unset or not a unit", () => {
    assert.equal(unitsOf("imperial"), "imperial");
    assert.equal(unitsOf(" Imperial "), "imperial");
    assert.equal(unitsOf("METRIC"), "metric");
    for (const setting of [undefined, "metric", "kelvin", "", "toString"]) assert.equal(unitsOf(setting), "metric");
  });
});
