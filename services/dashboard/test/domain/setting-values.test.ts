import assert from "node:assert/strict";
import { test } from "node:test";
import { isTimeZone, type SettingKey, settingValueProblem } from "../../src/domain/setting-values.ts";

test("time zones are IANA names Intl knows", () => {
  for (const zone of ["UTC", "Europe/Paris", "America/Argentina/Buenos_Aires", "Etc/GMT+5", "Asia/Kolkata"]) {
    assert.equal(isTimeZone(zone), true, zone);
  }
  for (const zone of ["", "Mars/Base", "Europe/Paris ", "../etc", "-05:00", "a".repeat(80), "Europe\\Paris"]) {
    assert.equal(isTimeZone(zone), false, zone);
  }
});

test("each key's values, and a message for the others", () => {
  assert.equal(settingValueProblem("units", "imperial"), undefined);
  assert.equal(settingValueProblem("units", "kelvin"), "must be one of metric, imperial, standard");
  assert.equal(settingValueProblem("alerts", "07:30"), undefined);
  assert.match(String(settingValueProblem("alerts", "7:30")), /HH:MM/);
  assert.match(String(settingValueProblem("timezone", "Nowhere")), /IANA/);
  assert.match(String(settingValueProblem("colour" as SettingKey, "blue")), /not a setting/);
});
