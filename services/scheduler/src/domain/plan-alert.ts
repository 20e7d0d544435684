import { DEFAULT_TIME_ZONE, isTimeZone, LOCAL_TEAM_ID, parseTimeOfDay, unitsOf } from "@jeeves/chat-domain";
import type { Units } from "@jeeves/weather-client";
import type { AlertSubscription } from "./alert-records.ts";
import { dueAlertDate } from "./due-alert.ts";
import { localTime } from "./local-time.ts";

/** Why a due alert is not sent. */
export type SkipReason = "no-location" | "no-slack-identity" | "local-chat-user";

/** What to do about one subscription now. */
export type AlertPlan =
  | { kind: "not-due" }
  /** The `alerts` setting is not a time of day. */
  | { kind: "invalid-time" }
  | { kind: "skip"; localDate: string; reason: SkipReason }
  | {
      kind: "send";
      localDate: string;
      /** The alert time, minutes since local midnight. */
      alertMinutes: number;
      place: string;
      units: Units;
      team: string;
      user: string;
    };

/** A plan, and the zone the user's clock was read in (theirs, or UTC when the runtime does not know theirs). */
export interface AlertDecision {
  plan: AlertPlan;
  timeZone: string;
}

/**
 * Decides what to do about a subscription at `now`: nothing (not due), skip it (no place to report on,
 * or nobody to write to on Slack), or send the alert of a local date. Pure: no clock, no I/O.
 */
export function planAlert(subscription: AlertSubscription, now: Date): AlertDecision {
  const timeZone = isTimeZone(subscription.timezone) ? subscription.timezone : DEFAULT_TIME_ZONE;
  const alertMinutes = parseTimeOfDay(subscription.alert_time);
  if (alertMinutes === undefined) return { plan: { kind: "invalid-time" }, timeZone };
  const localDate = dueAlertDate(localTime(now, timeZone), alertMinutes);
  if (localDate === undefined) return { plan: { kind: "not-due" }, timeZone };
  const skip = (reason: SkipReason): AlertDecision => ({ plan: { kind: "skip", localDate, reason }, timeZone });
  const place = subscription.location?.trim();
  if (!place) return skip("no-location");
  const { slack_team_id: team, slack_user_id: user } = subscription;
  if (!team || !user) return skip("no-slack-identity");
  if (team === LOCAL_TEAM_ID) return skip("local-chat-user"); // the local chat has no Slack to write to
  return {
    plan: { kind: "send", localDate, alertMinutes, place, units: unitsOf(subscription.units), team, user },
    timeZone,
  };
}
