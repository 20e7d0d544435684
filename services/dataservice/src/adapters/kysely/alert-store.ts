/** The AlertStore on Kysely: the subscriptions (users joined with their alert settings) and the send claims. */
import { ALERTS_KEY, DEFAULT_TIME_ZONE, TIMEZONE_KEY, UNITS_KEY } from "@jeeves/chat-domain";
import {
  type AlertSendRecord,
  type AlertStore,
  type AlertSubscriptionRecord,
  AlreadyClaimedError,
} from "../../domain/store.ts";
import { isUuid7 } from "../../domain/uuid7.ts";
import { type Db, isForeignKeyViolation, isUniqueViolation, type KyselyStoreOptions, now } from "./db.ts";
import { decodeCursor, pageSize, toPage } from "./pages.ts";
import { precompiledVariants } from "./precompiled.ts";

interface SubscriptionRow {
  user_id: string;
  slack_team_id: string | null;
  slack_user_id: string | null;
  location_place: string | null;
  alert_time: string;
  timezone: string | null;
  units: string | null;
}

/** A joined row as a subscription; NULL columns are left out, a missing time zone is UTC. */
function subscriptionFromRow(row: SubscriptionRow): AlertSubscriptionRecord {
  return {
    user_id: row.user_id,
    ...(row.slack_team_id === null ? {} : { slack_team_id: row.slack_team_id }),
    ...(row.slack_user_id === null ? {} : { slack_user_id: row.slack_user_id }),
    alert_time: row.alert_time,
    timezone: row.timezone ?? DEFAULT_TIME_ZONE,
    ...(row.units === null ? {} : { units: row.units }),
    ...(row.location_place === null ? {} : { location: row.location_place }),
  };
}

/**
 * The AlertStore on `db`: a page of subscriptions is one query (users joined with their `alerts`,
 * `timezone` and `units` settings); a claim is one insert whose primary key (user_id, local_date) lets
 * exactly one of concurrent claims through, on SQLite and PostgreSQL alike.
 */
export function createAlertStore(db: Db, options: Pick<KyselyStoreOptions, "statements" | "direct"> = {}): AlertStore {
  // Two variants: the first page, and a page after a cursor's user id.
  const pages = precompiledVariants<"first" | "after", { after: string; limit: number }, SubscriptionRow>(
    db,
    (shape, param) =>
      db
        .selectFrom("settings as alert")
        .innerJoin("users", "users.id", "alert.user_id")
        .leftJoin("settings as zone", (join) =>
          join.onRef("zone.user_id", "=", "users.id").on("zone.key", "=", TIMEZONE_KEY),
        )
        .leftJoin("settings as units", (join) =>
          join.onRef("units.user_id", "=", "users.id").on("units.key", "=", UNITS_KEY),
        )
        .where("alert.key", "=", ALERTS_KEY)
        .$if(shape === "after", (qb) => qb.where("users.id", ">", param("after")))
        .select([
          "users.id as user_id",
          "users.slack_team_id",
          "users.slack_user_id",
          "users.location_place",
          "alert.value as alert_time",
          "zone.value as timezone",
          "units.value as units",
        ])
        .orderBy("users.id")
        .limit(param("limit")),
    options,
  );
  return {
    async listSubscriptions(limit, cursor) {
      const after = cursor === undefined ? undefined : decodeCursor(cursor, isUuid7);
      const size = pageSize(limit);
      const rows = await pages
        .get(after === undefined ? "first" : "after")
        .run({ after: after ?? "", limit: size + 1 });
      return toPage(rows, size, (row) => row.user_id, subscriptionFromRow);
    },

    async claimSend(userId, localDate) {
      const claim: AlertSendRecord = { user_id: userId, local_date: localDate, claimed_at: now() };
      try {
        await db.insertInto("alert_sends").values(claim).execute();
        return claim;
      } catch (err) {
        if (isUniqueViolation(err)) throw new AlreadyClaimedError();
        if (isForeignKeyViolation(err)) return undefined; // no such user
        throw err;
      }
    },
  };
}
