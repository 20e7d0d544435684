import { type LocalTime, previousDate } from "./local-time.ts";

/** How long after its time an alert is still sent (a scheduler that was down sends it when back). */
export const ALERT_WINDOW_MINUTES = 60;

const MINUTES_PER_DAY = 24 * 60;

/**
 * The local date of the alert that is due at `now`, or undefined when none is: an alert is due from its
 * time until `window` minutes later. The date is the one on which the alert time fell, so an alert at
 * 23:30 that is sent at 00:10 still counts for the day before (and tomorrow's alert stays its own).
 */
export function dueAlertDate(now: LocalTime, alertMinutes: number, window = ALERT_WINDOW_MINUTES): string | undefined {
  const elapsed = now.minutes - alertMinutes;
  if (elapsed >= 0) return elapsed < window ? now.date : undefined;
  return elapsed + MINUTES_PER_DAY < window ? previousDate(now.date) : undefined;
}
