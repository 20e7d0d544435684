import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { formatTimeOfDay, parseTimeOfDay } from "../src/time-of-day.ts";

describe("parseTimeOfDay", () => {
  it("reads every minute of the day, as HH:MM and as H:MM, as minutes since midnight", () => {
    let accepted = 0;
    for (let h = 0; h < 24; h++) {
      for (let m = 0; m < 60; m++) {
        const minutes = String(m).padStart(2, "0");
        assert.equal(parseTimeOfDay(`${String(h).padStart(2, "0")}:${minutes}`), h * 60 + m);
        assert.equal(parseTimeOfDay(`${h}:${minutes}`), h * 60 + m);
        accepted++;
      }
    }
    assert.equal(accepted, 24 * 60);
    assert.equal(parseTimeOfDay(" 23:59 "), 1439, "spaces around it are ignored");
  });

  it("refuses what is not a 24-hour time", () => {
    for (const text of [
      "24:00",
      "25:00",
      "99:99",
      "07:60",
      "08:60",
      "7:5",
      "7",
      "8",
      "0730",
      "7.30",
      "7h30",
      "7:30pm",
      "007:30",
      "-1:00",
      "on",
      "",
      "٠٧:٣٠",
    ]) {
      assert.equal(parseTimeOfDay(text), undefined, text);
    }
  });
});

describe("formatTimeOfDay", () => {
  it("writes minutes since midnight as HH:MM, the inverse of parseTimeOfDay", () => {
    assert.equal(formatTimeOfDay(0), "00:00");
    assert.equal(formatTimeOfDay(450), "07:30");
    assert.equal(formatTimeOfDay(1439), "23:59");
    for (let minutes = 0; minutes < 24 * 60; minutes++) {
      assert.equal(parseTimeOfDay(formatTimeOfDay(minutes)), minutes);
    }
  });
});
