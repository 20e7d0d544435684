import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { DEFAULT_TIME_ZONE, isTimeZone } from "../src/time-zone.ts";

describe("isTimeZone", () => {
  it("knows IANA names and UTC, and nothing else", () => {
    for (const zone of ["UTC", "Europe/Paris", "America/Argentina/Buenos_Aires", "America/New_York"]) {
      assert.equal(isTimeZone(zone), true, zone);
    }
    for (const zone of ["", "Paris", "Mars/Olympus_Mons", "08:00", "<hello> & welcome"]) {
      assert.equal(isTimeZone(zone), false, zone);
    }
  });

  it("knows the default zone", () => {
    assert.equal(isTimeZone(DEFAULT_TIME_ZONE), true);
  });
});
