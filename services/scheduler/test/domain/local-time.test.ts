import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { localTime, previousDate } from "../../src/domain/local-time.ts";

describe("localTime", () => {
  const table: [instant: string, zone: string, date: string, clock: string][] = [
    ["2026-11-28T07:00:00Z", "UTC", "2026-11-28", "07:00"],
    ["2026-11-28T07:00:00Z", "Europe/Paris", "2026-11-28", "08:00"], // winter: UTC+1
    ["2026-07-01T06:00:00Z", "Europe/Paris", "2026-07-01", "08:00"], // summer: UTC+2
    ["2026-11-28T23:30:00Z", "Asia/Tokyo", "2026-11-29", "08:30"], // already tomorrow
    ["2026-11-28T03:00:00Z", "America/New_York", "2026-11-27", "22:00"], // still yesterday
    ["2026-11-28T02:15:00Z", "Asia/Kolkata", "2026-11-28", "07:45"], // a half-hour zone
    ["2026-11-28T00:00:00Z", "UTC", "2026-11-28", "00:00"], // midnight is 00:00, not 24:00
    ["2026-03-29T01:30:00Z", "Europe/Paris", "2026-03-29", "03:30"], // the spring-forward morning
  ];
  for (const [instant, zone, date, clock] of table) {
    it(`${instant} is ${date} ${clock} in ${zone}`, () => {
      const [hours, minutes] = clock.split(":").map(Number);
      assert.deepEqual(localTime(new Date(instant), zone), { date, minutes: hours * 60 + minutes });
    });
  }

  it("throws RangeError for a zone the runtime does not know", () => {
    assert.throws(() => localTime(new Date(), "Mars/Olympus_Mons"), RangeError);
  });
});

describe("previousDate", () => {
  it("goes back across months, years and leap days", () => {
    assert.equal(previousDate("2026-11-28"), "2026-11-27");
    assert.equal(previousDate("2026-03-01"), "2026-02-28");
    assert.equal(previousDate("2028-03-01"), "2028-02-29");
    assert.equal(previousDate("2027-01-01"), "2026-12-31");
  });
});
