import type { Reply } from "@jeeves/bus";
import { UnknownPlace, type WeatherReports } from "@jeeves/weather-client";
import { type AlertRecords, AlertRecordsUnavailable, type AlertSubscription } from "./alert-records.ts";
import { alertText, unavailableText, unknownPlaceText } from "./alert-text.ts";
import type { Notes } from "./notes.ts";
import { type AlertPlan, planAlert } from "./plan-alert.ts";

/** The log lines of a tick (pino's `app.log`, or a recorder in tests). Never given a place or a text. */
export interface TickLogger {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

/** What a tick works with. */
export interface TickDependencies {
  records: AlertRecords;
  weather: WeatherReports;
  /** Publishes the alert (`publishReply` on the bus). */
  publish(reply: Reply): Promise<void>;
  logger: TickLogger;
  /** Keeps repeated skips and warnings out of the log; one per scheduler. */
  notes: Notes;
}

/** What one tick did. */
export interface TickSummary {
  /** Subscriptions read. */
  subscriptions: number;
  /** Alerts due now (sent, claimed before, skipped or failed). */
  due: number;
  /** Alerts this tick published. */
  sent: number;
  /** Due alerts another copy of the scheduler (or an earlier tick) had claimed. */
  alreadyClaimed: number;
  /** Due alerts without a place or a Slack user to write to. */
  skipped: number;
  /** Due alerts that could not be claimed or published, plus a listing that failed. */
  failed: number;
  /** True when the `alerts-enabled` flag was off: the tick did nothing. */
  disabled?: boolean;
}

type SendPlan = Extract<AlertPlan, { kind: "send" }>;

/** The reply id of an alert: one per user and local date (the slackbot drops a repeat). */
export function alertReplyId(userId: string, localDate: string): string {
  return `alert:${userId}:${localDate}`;
}

/** The alert's text: the weather, or why there is none (the claim is taken: it goes out once either way). */
async function composeText(plan: SendPlan, weather: WeatherReports, logger: TickLogger, userId: string) {
  try {
    return alertText(await weather.current(plan.place, plan.units), plan.units, plan.alertMinutes);
  } catch (error) {
    const unknown = error instanceof UnknownPlace;
    logger.warn(
      { user_id: userId, local_date: plan.localDate, err: unknown ? "unknown place" : (error as Error).message },
      "no weather for a due alert: sending the apology",
    );
    return unknown ? unknownPlaceText(plan.place) : unavailableText(plan.place);
  }
}

/**
 * One pass of the alert clock at `now`: for every subscription whose alert is due (its time today, or
 * less than an hour ago), skip the users without a place or a Slack user; claim (user, local date) with
 * the records, so that of several schedulers exactly one goes on; get the weather; publish one direct
 * message. A failed claim is tried again at the next tick (while the alert is due); a publish that
 * fails after the claim loses that day's alert (logged), never doubles it.
 */
export async function runTick(now: Date, deps: TickDependencies): Promise<TickSummary> {
  const { records, logger, notes } = deps;
  const summary: TickSummary = { subscriptions: 0, due: 0, sent: 0, alreadyClaimed: 0, skipped: 0, failed: 0 };

  const handle = async (subscription: AlertSubscription) => {
    const { user_id } = subscription;
    const { plan, timeZone } = planAlert(subscription, now);
    if (timeZone !== subscription.timezone && notes.changed(`zone:${user_id}`, subscription.timezone)) {
      logger.warn({ user_id }, "unknown time zone in the timezone setting: using UTC");
    }
    if (plan.kind === "invalid-time") {
      if (notes.changed(`time:${user_id}`, subscription.alert_time)) {
        logger.warn({ user_id }, "the alerts setting is not a time of day (HH:MM): no alert");
      }
      return;
    }
    if (plan.kind === "not-due") return;
    summary.due += 1;
    if (plan.kind === "skip") {
      summary.skipped += 1;
      if (notes.changed(`skip:${user_id}`, plan.localDate)) {
        logger.info({ user_id, local_date: plan.localDate, reason: plan.reason }, "due alert skipped");
      }
      return;
    }
    const fields = { user_id, local_date: plan.localDate };
    let outcome: Awaited<ReturnType<AlertRecords["claim"]>>;
    try {
      outcome = await records.claim(user_id, plan.localDate);
    } catch (error) {
      summary.failed += 1;
      logger.warn({ ...fields, err: (error as Error).message }, "could not claim a due alert: trying at the next tick");
      return;
    }
    if (outcome !== "claimed") {
      summary.alreadyClaimed += 1;
      return;
    }
    const text = await composeText(plan, deps.weather, logger, user_id);
    try {
      await deps.publish({
        reply_to: alertReplyId(user_id, plan.localDate),
        destination: "slack",
        team: plan.team,
        channel: plan.user,
        user: plan.user,
        text,
        time: now.toISOString(),
      });
    } catch (error) {
      summary.failed += 1;
      logger.error({ ...fields, err: (error as Error).message }, "could not publish a claimed alert: lost for today");
      return;
    }
    summary.sent += 1;
    logger.info(fields, "alert sent");
  };

  try {
    for await (const subscription of records.subscriptions()) {
      summary.subscriptions += 1;
      await handle(subscription);
    }
  } catch (error) {
    summary.failed += 1;
    const reason = error instanceof AlertRecordsUnavailable ? error.message : String(error);
    logger.error({ err: reason }, "could not list the alert subscriptions: trying at the next tick");
  }
  return summary;
}
