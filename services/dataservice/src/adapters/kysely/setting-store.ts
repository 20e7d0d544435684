/** The SettingStore on Kysely: one row per user and key, written by upsert. */
import type { SettingRecord, SettingStore } from "../../domain/store.ts";
import { type Db, isForeignKeyViolation, now, type Trx } from "./db.ts";

/** The SettingStore on `db`; a missing user gives undefined / false. */
export function createSettingStore(db: Db): SettingStore {
  const userExists = async (q: Db | Trx, id: string) =>
    (await q.selectFrom("users").select("id").where("id", "=", id).executeTakeFirst()) !== undefined;
  const settingFromRow = ({ key, value, updated_at }: SettingRecord): SettingRecord => ({ key, value, updated_at });

  return {
    async list(userId) {
      if (!(await userExists(db, userId))) return undefined;
      const rows = await db
        .selectFrom("settings")
        .select(["key", "value", "updated_at"])
        .where("user_id", "=", userId)
        .orderBy("key")
        .execute();
      return rows.map(settingFromRow);
    },

    async get(userId, key) {
      const row = await db
        .selectFrom("settings")
        .select(["key", "value", "updated_at"])
        .where("user_id", "=", userId)
        .where("key", "=", key)
        .executeTakeFirst();
      return row && settingFromRow(row);
    },

    async set(userId, key, value) {
      try {
        return await db.transaction().execute(async (trx) => {
          if (!(await userExists(trx, userId))) return undefined;
          const updated_at = now();
          const row = await trx
            .insertInto("settings")
            .values({ user_id: userId, key, value, updated_at })
            .onConflict((oc) => oc.columns(["user_id", "key"]).doUpdateSet({ value, updated_at }))
            .returning(["key", "value", "updated_at"])
            .executeTakeFirstOrThrow();
          return settingFromRow(row);
        });
      } catch (err) {
        if (isForeignKeyViolation(err)) return undefined; // the user was deleted meanwhile
        throw err;
      }
    },

    async delete(userId, key) {
      const result = await db
        .transaction()
        .execute((trx) =>
          trx.deleteFrom("settings").where("user_id", "=", userId).where("key", "=", key).executeTakeFirst(),
        );
      return result.numDeletedRows > 0n;
    },
  };
}
