/**
 * The database schema, as versioned Kysely migrations that run on SQLite and PostgreSQL alike.
 * Only portable types are used (text, integer, double precision); timestamps are ISO-8601 text
 * (`2024-01-02T03:04:05.678Z`), booleans are integers 0/1. Constraint names are explicit because
 * the store maps PostgreSQL unique violations to fields by constraint name.
 */
import { type Kysely, type Migration, type MigrationProvider, Migrator } from "kysely";

/** Names of the unique constraints, which the store maps to ConflictError fields. */
export const CONSTRAINTS = {
  usersEmail: "users_email_key",
  usersSlackIdentity: "users_slack_identity_key",
  workspacesPk: "workspaces_pkey",
  alertSendsPk: "alert_sends_pkey",
} as const;

/** Row shape of `users`. */
export interface UsersTable {
  id: string;
  email: string | null;
  display_name: string;
  password_hash: string | null;
  slack_team_id: string | null;
  slack_user_id: string | null;
  is_admin: number;
  location_place: string | null;
  location_lat: number | null;
  location_lon: number | null;
  version: number;
  created_at: string;
  updated_at: string;
}

/** Row shape of `settings`. */
export interface SettingsTable {
  user_id: string;
  key: string;
  value: string;
  updated_at: string;
}

/** Row shape of `workspaces`; `bot_token_enc` is secret-box text, `scopes` a JSON array. */
export interface WorkspacesTable {
  team_id: string;
  team_name: string;
  bot_user_id: string;
  bot_token_enc: string;
  scopes: string;
  installed_at: string;
  updated_at: string;
}

/** Row shape of `alert_sends`: one row per user and local date whose daily alert was claimed. */
export interface AlertSendsTable {
  user_id: string;
  /** `YYYY-MM-DD` in the user's time zone. */
  local_date: string;
  claimed_at: string;
}

/** The tables, for a typed Kysely instance. */
export interface DatabaseSchema {
  users: UsersTable;
  settings: SettingsTable;
  workspaces: WorkspacesTable;
  alert_sends: AlertSendsTable;
}

// Migrations take Kysely<any>: they must not depend on the current schema types.
// biome-ignore lint/suspicious/noExplicitAny: migrations are written against an untyped database
type AnyDb = Kysely<any>;

const migrations: Record<string, Migration> = {
  "0001_users": {
    async up(db: AnyDb) {
      await db.schema
        .createTable("users")
        .addColumn("id", "text", (c) => c.primaryKey().notNull())
        .addColumn("email", "text")
        .addColumn("display_name", "text", (c) => c.notNull())
        .addColumn("password_hash", "text")
        .addColumn("slack_team_id", "text")
        .addColumn("slack_user_id", "text")
        .addColumn("is_admin", "integer", (c) => c.notNull().defaultTo(0))
        .addColumn("location_place", "text")
        .addColumn("location_lat", "double precision")
        .addColumn("location_lon", "double precision")
        .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("updated_at", "text", (c) => c.notNull())
        .addUniqueConstraint(CONSTRAINTS.usersEmail, ["email"])
        .addUniqueConstraint(CONSTRAINTS.usersSlackIdentity, ["slack_team_id", "slack_user_id"])
        .execute();
    },
    async down(db: AnyDb) {
      await db.schema.dropTable("users").execute();
    },
  },
  "0002_settings": {
    async up(db: AnyDb) {
      await db.schema
        .createTable("settings")
        .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
        .addColumn("key", "text", (c) => c.notNull())
        .addColumn("value", "text", (c) => c.notNull())
        .addColumn("updated_at", "text", (c) => c.notNull())
        .addPrimaryKeyConstraint("settings_pkey", ["user_id", "key"])
        .execute();
    },
    async down(db: AnyDb) {
      await db.schema.dropTable("settings").execute();
    },
  },
  "0003_workspaces": {
    async up(db: AnyDb) {
      await db.schema
        .createTable("workspaces")
        .addColumn("team_id", "text", (c) => c.notNull())
        .addColumn("team_name", "text", (c) => c.notNull())
        .addColumn("bot_user_id", "text", (c) => c.notNull())
        .addColumn("bot_token_enc", "text", (c) => c.notNull())
        .addColumn("scopes", "text", (c) => c.notNull().defaultTo("[]"))
        .addColumn("installed_at", "text", (c) => c.notNull())
        .addColumn("updated_at", "text", (c) => c.notNull())
        .addPrimaryKeyConstraint(CONSTRAINTS.workspacesPk, ["team_id"])
        .execute();
    },
    async down(db: AnyDb) {
      await db.schema.dropTable("workspaces").execute();
    },
  },
  // The primary key (user_id, local_date) is what lets only one scheduler copy send a day's alert.
  "0004_alert_sends": {
    async up(db: AnyDb) {
      await db.schema
        .createTable("alert_sends")
        .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
        .addColumn("local_date", "text", (c) => c.notNull())
        .addColumn("claimed_at", "text", (c) => c.notNull())
        .addPrimaryKeyConstraint(CONSTRAINTS.alertSendsPk, ["user_id", "local_date"])
        .execute();
    },
    async down(db: AnyDb) {
      await db.schema.dropTable("alert_sends").execute();
    },
  },
};

/** The migrations above, in name order, for Kysely's Migrator. */
export const migrationProvider: MigrationProvider = {
  async getMigrations() {
    return migrations;
  },
};

/**
 * Brings the database to the latest schema; returns the names applied now, throws on failure.
 * On PostgreSQL pass the current schema: Kysely otherwise looks for its bookkeeping tables in every
 * schema and may take another schema's for this one's.
 */
export async function migrateToLatest(db: AnyDb, schema?: string): Promise<string[]> {
  const migrator = new Migrator({ db, provider: migrationProvider, migrationTableSchema: schema });
  const { error, results = [] } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return results.filter((r) => r.status === "Success").map((r) => r.migrationName);
}
