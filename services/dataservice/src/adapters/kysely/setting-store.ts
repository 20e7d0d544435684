/** The SettingStore on Kysely: one row per user and key, written by upsert. */
import type { SettingRecord, SettingStore } from "../../domain/store.ts";
import { type Db, isForeignKeyViolation, type KyselyStoreOptions, now, type Trx } from "./db.ts";
import { precompile } from "./precompiled.ts";

/** The SettingStore on `db`; a missing user gives undefined / false. */
export function createSettingStore(
  db: Db,
  options: Pick<KyselyStoreOptions, "statements" | "direct"> = {},
): SettingStore {
  const userExists = async (q: Db | Trx, id: string) =>
    (await q.selectFrom("users").select("id").where("id", "=", id).executeTakeFirst()) !== undefined;
  const settingFromRow = ({ key, value, updated_at }: SettingRecord): SettingRecord => ({ key, value, updated_at });
  const userById = precompile<{ id: string }, { id: string }>(
    db,
    (param) => db.selectFrom("users").select("id").where("id", "=", param("id")),
    options,
  );
  const settingsOf = precompile<{ userId: string }, SettingRecord>(
    db,
    (param) =>
      db
        .selectFrom("settings")
        .select(["key", "value", "updated_at"])
        .where("user_id", "=", param("userId"))
        .orderBy("key"),
    options,
  );
  const settingByKey = precompile<{ userId: string; key: string }, SettingRecord>(
    db,
    (param) =>
      db
        .selectFrom("settings")
        .select(["key", "value", "updated_at"])
        .where("user_id", "=", param("userId"))
        .where("key", "=", param("key")),
    options,
  );

  return {
    async list(userId) {
      if ((await userById.run({ id: userId })).length === 0) return undefined;
      const rows = await settingsOf.run({ userId });
      return rows.map(settingFromRow);
    },

    async get(userId, key) {
      const row = (await settingByKey.run({ userId, key }))[0];
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
