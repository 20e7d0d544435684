/**
 * Opens the store: PostgreSQL when the database URL is `postgres://` / `postgresql://`, otherwise
 * SQLite (better-sqlite3, WAL, foreign keys on), and migrates the schema to the latest version. SQLite
 * statements are prepared once per SQL text, and the stores' hot reads run straight on the connection
 * outside a transaction (sqlite-statements.ts); on PostgreSQL the stores' hot
 * queries run as named prepared statements (pg-named-statements.ts). While the database cannot be
 * reached, store calls reject with StoreUnavailableError (unreachable.ts); pg's pool reconnects by itself.
 */
import { mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { type ConnectRetry, connectWithRetry, StartupError, shownUrl } from "@jeeves/service-kit";
import SQLite from "better-sqlite3";
import { Kysely, PostgresDialect, SqliteDialect, sql } from "kysely";
import pg from "pg";
import type { Store } from "../domain/store.ts";
import { NamedStatements, namingPool } from "./kysely/pg-named-statements.ts";
import { type DirectReads, sqliteAccess } from "./kysely/sqlite-statements.ts";
import { createAlertStore, createSettingStore, createUserStore, createWorkspaceStore } from "./kysely-store.ts";
import { type DatabaseSchema, migrateToLatest } from "./migrations.ts";
import { guardStore } from "./unreachable.ts";

/** How long a new PostgreSQL connection may take before the request gets 503 (pg's `connectionTimeoutMillis`). */
export const PG_CONNECT_TIMEOUT_MS = 5000;

/** How to open the store. */
export interface OpenStoreOptions {
  /**
   * `postgres://…` / `postgresql://…` for PostgreSQL (a `?options=-c%20search_path%3Dmy_schema` parameter
   * selects the schema, which must exist); `sqlite::memory:` or `sqlite:/path/file.sqlite` for SQLite.
   * Absent or empty: SQLite at `${dataDir}/dataservice.sqlite`. Any other scheme is an error.
   */
  databaseUrl?: string;
  /** Directory of the default SQLite file; created when missing. */
  dataDir: string;
  /** 32-byte key that encrypts Slack bot tokens at rest. */
  encryptionKey: Buffer;
  /** Told the name of each migration applied, and (warn) each failed attempt to reach PostgreSQL. */
  logger?: { info(obj: object, msg?: string): void; warn?(obj: object, msg?: string): void };
  /** How often PostgreSQL is tried before giving up (it may still be starting). Default the kit's: 5 attempts. */
  connectRetry?: ConnectRetry;
}

/** The SQLite file name for `databaseUrl` (`:memory:` for an in-memory database). */
function sqliteFile(databaseUrl: string | undefined, dataDir: string): string {
  if (!databaseUrl) {
    mkdirSync(dataDir, { recursive: true });
    return join(dataDir, "dataservice.sqlite");
  }
  if (!databaseUrl.startsWith("sqlite:"))
    throw new Error("unsupported database URL scheme (use postgres:// or sqlite:)");
  let file = databaseUrl.slice("sqlite:".length);
  if (file.startsWith("//")) file = file.slice(2); // sqlite:///abs/path
  if (file === ":memory:") return file;
  if (!file) throw new Error("the sqlite: database URL needs a file path");
  mkdirSync(dirname(file), { recursive: true });
  return file;
}

/**
 * Opens the database named by `options`, migrates it, and returns the store. PostgreSQL is tried again
 * while it refuses connections (see `connectWithRetry`); when it cannot be used the error is a
 * StartupError naming DATABASE_URL (its password redacted).
 */
export async function openStore(options: OpenStoreOptions): Promise<Store> {
  if (options.encryptionKey.length !== 32) throw new RangeError("the encryption key must be 32 bytes");
  const url = options.databaseUrl?.trim();
  const postgres = /^postgres(ql)?:\/\//i.test(url ?? "");
  let db: Kysely<DatabaseSchema>;
  const statements = new NamedStatements();
  let direct: DirectReads | undefined;
  if (postgres) {
    const pool = new pg.Pool({
      connectionString: url,
      // A database that does not answer the connect (a dropped route, a full backlog) fails the request
      // with 503 after this long instead of holding it; a refused connect fails at once.
      connectionTimeoutMillis: PG_CONNECT_TIMEOUT_MS,
      keepAlive: true,
    });
    // An idle client that loses its connection must not crash the process; the pool replaces it.
    pool.on("error", (err) => options.logger?.info({ err: err.message }, "idle PostgreSQL connection failed"));
    // Nor may a client that loses it while checked out (Kysely holds it during a query or transaction):
    // pg emits "error" on it, which would be thrown without a listener. Its query rejects instead, and
    // the pool discards the client when it is released (it is no longer queryable), so a dead
    // connection is never handed out again.
    pool.on("connect", (client) => {
      client.on("error", (err) => options.logger?.info({ err: err.message }, "PostgreSQL connection failed"));
    });
    db = new Kysely<DatabaseSchema>({ dialect: new PostgresDialect({ pool: namingPool(pool, statements) }) });
  } else {
    const database = new SQLite(sqliteFile(url, options.dataDir));
    try {
      database.pragma("journal_mode = WAL");
      database.pragma("foreign_keys = ON");
      database.pragma("busy_timeout = 5000");
    } catch (err) {
      database.close();
      throw err;
    }
    const access = sqliteAccess(database);
    direct = access.direct;
    db = new Kysely<DatabaseSchema>({ dialect: new SqliteDialect({ database: access.kysely }) });
  }

  try {
    let schema: string | undefined;
    if (postgres) {
      const { rows } = await connectWithRetry({
        variable: "DATABASE_URL",
        url: url ?? "",
        retry: options.connectRetry,
        logger: { warn: (fields, message) => options.logger?.warn?.(fields, message) },
        connect: () => sql<{ schema: string | null }>`select current_schema() as schema`.execute(db),
      });
      schema = rows[0]?.schema ?? undefined;
      if (!schema) {
        throw new StartupError(
          "DATABASE_URL",
          `DATABASE_URL: ${shownUrl(url ?? "")}: no existing schema on the PostgreSQL search_path`,
        );
      }
    }
    for (const migration of await migrateToLatest(db, schema)) {
      options.logger?.info({ migration }, "database migration applied");
    }
  } catch (err) {
    await db.destroy();
    throw err;
  }

  const storeOptions = {
    dialect: postgres ? ("postgres" as const) : ("sqlite" as const),
    encryptionKey: options.encryptionKey,
    statements: postgres ? statements : undefined,
    direct,
  };
  return guardStore({
    users: createUserStore(db, storeOptions),
    settings: createSettingStore(db, storeOptions),
    workspaces: createWorkspaceStore(db, storeOptions),
    alerts: createAlertStore(db, storeOptions),
    dialect: storeOptions.dialect,
    async ping() {
      await sql`select 1`.execute(db);
    },
    async close() {
      await db.destroy();
    },
  });
}
