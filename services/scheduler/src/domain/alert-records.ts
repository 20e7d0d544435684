/** A user who turned the daily alert on (the dataservice's AlertSubscription). */
export interface AlertSubscription {
  user_id: string;
  slack_team_id?: string;
  slack_user_id?: string;
  /** The `alerts` setting: `HH:MM` when the bot wrote it. */
  alert_time: string;
  /** The `timezone` setting (an IANA name), `UTC` when unset. */
  timezone: string;
  /** The `units` setting, when set. */
  units?: string;
  /** The saved place, when there is one. */
  location?: string;
}

/** What a claim of (user, local date) came to. */
export type ClaimOutcome =
  /** This call claimed it: send the alert. */
  | "claimed"
  /** Claimed before, by another copy of the scheduler or an earlier tick: do not send. */
  | "already-claimed"
  /** The user is gone. */
  | "no-user";

/**
 * Who gets alerts, and the claims that make each alert go out once (the dataservice, or a fake in
 * tests). Both methods throw {@link AlertRecordsUnavailable} when the records cannot be reached.
 */
export interface AlertRecords {
  /** Every subscription, a page at a time. */
  subscriptions(): AsyncIterable<AlertSubscription>;
  /** Claims the sending of `userId`'s alert for `localDate` (`YYYY-MM-DD`); only one claim of a pair wins. */
  claim(userId: string, localDate: string): Promise<ClaimOutcome>;
}

/** The alert records cannot be reached now (network error, 5xx, 429, a refused token): try next tick. */
export class AlertRecordsUnavailable extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "AlertRecordsUnavailable";
  }
}
