/** The WorkspaceStore on Kysely: Slack workspaces, their bot tokens encrypted at rest. */
import type { WorkspaceRecord, WorkspaceStore } from "../../domain/store.ts";
import type { WorkspacesTable } from "../migrations.ts";
import { decryptSecret, encryptSecret } from "../secret-box.ts";
import { type Db, isUniqueViolation, type KyselyStoreOptions, now } from "./db.ts";
import { decodeCursor, pageSize, toPage } from "./pages.ts";
import { precompile, precompiledVariants } from "./precompiled.ts";

/** The columns of a workspace row, listed (not `*`) so that a named PostgreSQL statement survives a new column. */
const WORKSPACE_COLUMNS = [
  "team_id",
  "team_name",
  "bot_user_id",
  "bot_token_enc",
  "scopes",
  "installed_at",
  "updated_at",
] as const;

// A plausible team id: printable ASCII without spaces, at most 255 characters.
const isPlausibleTeamId = (id: string): boolean => /^[\x21-\x7e]{1,255}$/.test(id);

/** The WorkspaceStore on `db`; bot tokens are stored encrypted with `options.encryptionKey`. */
export function createWorkspaceStore(db: Db, options: KyselyStoreOptions): WorkspaceStore {
  const key = options.encryptionKey;
  if (key.length !== 32) throw new RangeError("the encryption key must be 32 bytes");
  const locked = options.dialect === "postgres";
  const workspaceFromRow = (row: WorkspacesTable, botToken?: string): WorkspaceRecord => {
    const scopes: unknown = JSON.parse(row.scopes);
    return {
      team_id: row.team_id,
      team_name: row.team_name,
      bot_user_id: row.bot_user_id,
      scopes: Array.isArray(scopes) ? scopes.map(String) : [],
      bot_token: botToken ?? decryptSecret(key, row.bot_token_enc),
      installed_at: row.installed_at,
      updated_at: row.updated_at,
    };
  };

  const byTeam = precompile<{ teamId: string }, WorkspacesTable>(
    db,
    (param) => db.selectFrom("workspaces").select(WORKSPACE_COLUMNS).where("team_id", "=", param("teamId")),
    options,
  );
  // Two variants: the first page, and a page after a cursor's team id.
  const pages = precompiledVariants<"first" | "after", { after: string; limit: number }, WorkspacesTable>(
    db,
    (shape, param) =>
      db
        .selectFrom("workspaces")
        .select(WORKSPACE_COLUMNS)
        .$if(shape === "after", (qb) => qb.where("team_id", ">", param("after")))
        .orderBy("team_id")
        .limit(param("limit")),
    options,
  );

  return {
    async list(limit, cursor) {
      const after = cursor === undefined ? undefined : decodeCursor(cursor, isPlausibleTeamId);
      const size = pageSize(limit);
      const rows = await pages
        .get(after === undefined ? "first" : "after")
        .run({ after: after ?? "", limit: size + 1 });
      return toPage(
        rows,
        size,
        (row) => row.team_id,
        (row) => workspaceFromRow(row),
      );
    },

    async get(teamId) {
      const row = (await byTeam.run({ teamId }))[0];
      return row && workspaceFromRow(row);
    },

    async upsert(teamId, input) {
      // Two first installs at once: the loser's insert hits the primary key and retries as an update.
      for (let attempt = 0; ; attempt++) {
        try {
          return await db.transaction().execute(async (trx) => {
            const existing = await trx
              .selectFrom("workspaces")
              .select("team_id")
              .where("team_id", "=", teamId)
              .$if(locked, (qb) => qb.forUpdate())
              .executeTakeFirst();
            const at = now();
            const values = {
              team_name: input.team_name,
              bot_user_id: input.bot_user_id,
              bot_token_enc: encryptSecret(key, input.bot_token),
              scopes: JSON.stringify(input.scopes),
              updated_at: at,
            };
            const row = existing
              ? await trx
                  .updateTable("workspaces")
                  .set(values)
                  .where("team_id", "=", teamId)
                  .returningAll()
                  .executeTakeFirstOrThrow()
              : await trx
                  .insertInto("workspaces")
                  .values({ team_id: teamId, ...values, installed_at: at })
                  .returningAll()
                  .executeTakeFirstOrThrow();
            return { workspace: workspaceFromRow(row, input.bot_token), created: !existing };
          });
        } catch (err) {
          if (!isUniqueViolation(err) || attempt >= 1) throw err;
        }
      }
    },

    async delete(teamId) {
      const result = await db
        .transaction()
        .execute((trx) => trx.deleteFrom("workspaces").where("team_id", "=", teamId).executeTakeFirst());
      return result.numDeletedRows > 0n;
    },
  };
}
