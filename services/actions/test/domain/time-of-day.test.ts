import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseTimeOfDay } from "../../src/domain/time-of-day.ts";

describe("parseTimeOfDay", () => {
  it("accepts every minute of the day, as HH:MM and as H:MM, and normalises to HH:MM", () => {
    let accepted = 0;
    for (let h = 0; h < 24; h++) {
      for (let m = 0; m < 60; m++) {
        const expected = `${String(h).padStart(2, "0")}:${String(m).padStart(2, "0")}`;
        assert.equal(parseTimeOfDay(expected), expected);
        assert.equal(parseTimeOfDay(`${h}:${String(m).padStart(2, "0")}`), expected);
        accepted++;
      }
    }
    assert.equal(accepted, 24 * 60);
  });

  it("refuses what is not a 24-hour time", () => {
    for (const text of [
      "24:00",
      "25:00",
      "99:99",
      "07:60",
      "7:5",
      "7",
      "0730",
      "7.30",
      "7h30",
      "7:30pm",
      "007:30",
      "-1:00",
      "",
      "٠٧:٣٠",
    ]) {
      assert.equal(parseTimeOfDay(text), undefined, text);
    }
  });
});
