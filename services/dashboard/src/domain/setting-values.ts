/** The settings a person changes on the dashboard (the spec's `SettingKey`). */
export type SettingKey = "units" | "timezone" | "alerts";

/** The units the weather is given in. */
export const UNITS = ["metric", "imperial", "standard"] as const;

const ALERT_TIME = /^(?:[01]\d|2[0-3]):[0-5]\d$/;
const ZONE_NAME = /^[A-Za-z][\w+/-]{0,63}$/;

/** Whether `zone` is a time zone Intl knows by its IANA name (`Europe/Paris`, `UTC`). */
export function isTimeZone(zone: string): boolean {
  if (!ZONE_NAME.test(zone)) return false;
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/**
 * Why `value` is not a value of the setting `key`, or undefined when it is: `units` is metric, imperial
 * or standard; `timezone` an IANA name; `alerts` the daily alert time `HH:MM` (24-hour).
 */
export function settingValueProblem(key: SettingKey, value: string): string | undefined {
  switch (key) {
    case "units":
      return (UNITS as readonly string[]).includes(value) ? undefined : `must be one of ${UNITS.join(", ")}`;
    case "timezone":
      return isTimeZone(value) ? undefined : "must be an IANA time zone such as Europe/Paris";
    case "alerts":
      return ALERT_TIME.test(value) ? undefined : "must be a time HH:MM (24-hour), such as 08:00";
    default:
      return "is not a setting the dashboard changes";
  }
}
