/** The time zone of a user who set none (the dataservice's subscriptions say `UTC` then, too). */
export const DEFAULT_TIME_ZONE = "UTC";

/** Whether `name` is a time zone the runtime knows (IANA names such as `Europe/Paris`, or `UTC`). */
export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: name });
    return true;
  } catch {
    return false;
  }
}
