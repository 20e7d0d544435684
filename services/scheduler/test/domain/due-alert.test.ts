import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ALERT_WINDOW_MINUTES, dueAlertDate } from "../../src/domain/due-alert.ts";

const clock = (text: string) => {
  const [hours, minutes] = text.split(":").map(Number);
  return hours * 60 + minutes;
};

describe("dueAlertDate", () => {
  const today = "2026-11-28";
  const table: [now: string, alert: string, due: string | undefined][] = [
    ["07:59", "08:00", undefined],
    ["08:00", "08:00", today],
    ["08:45", "08:00", today],
    ["08:59", "08:00", today],
    ["09:00", "08:00", undefined],
    ["09:10", "08:00", undefined],
    ["23:59", "00:00", undefined],
    ["00:10", "23:30", "2026-11-27"], // yesterday's alert, still within its hour
    ["00:30", "23:30", undefined],
    ["23:45", "23:30", today],
  ];
  for (const [now, alert, due] of table) {
    it(`at ${now} an alert set for ${alert} is ${due ? `due for ${due}` : "not due"}`, () => {
      assert.equal(dueAlertDate({ date: today, minutes: clock(now) }, clock(alert)), due);
    });
  }

  it("is due for the hour after the alert time", () => {
    assert.equal(ALERT_WINDOW_MINUTES, 60);
    assert.equal(dueAlertDate({ date: today, minutes: clock("08:14") }, clock("08:00"), 15), today);
    assert.equal(dueAlertDate({ date: today, minutes: clock("08:15") }, clock("08:00"), 15), undefined);
  });
});
