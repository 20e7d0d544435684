import type { components } from "@jeeves/generated/openapi/dataservice";

/**
 * A user who turned the daily alert on: the dataservice's `AlertSubscription` (the `alerts` setting as
 * `alert_time`, `timezone` — `UTC` when unset —, `units` and the saved place when set).
 */
export type AlertSubscription = components["schemas"]["AlertSubscription"];

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
