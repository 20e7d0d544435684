/** Whether `name` is a time zone the runtime knows (IANA names such as `Europe/Paris`, or `UTC`). */
export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** The settings the scheduler reads: the alert time (`HH:MM`), the time zone and the units. */
export const ALERTS_KEY = "alerts";
export const TIMEZONE_KEY = "timezone";
export const UNITS_KEY = "units";

/** The alert time of `alerts on` without one. */
export const DEFAULT_ALERT_TIME = "08:00";
