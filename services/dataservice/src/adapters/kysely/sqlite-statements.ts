/**
 * better-sqlite3 behind Kysely without a `prepare` per query: Kysely's SqliteDriver prepares the SQL of
 * every query it runs, which costs more than running it. This wrapper hands it a cached statement per
 * SQL text instead (a bounded LRU), so each query is parsed and planned once.
 */
import type SQLite from "better-sqlite3";
import type { SqliteDatabase, SqliteStatement } from "kysely";

/** How many statements the cache keeps by default: far more than the stores' distinct queries. */
export const DEFAULT_STATEMENT_CACHE_SIZE = 256;

/**
 * A precompiled read run straight on the connection, synchronously, skipping Kysely's driver (its
 * connection lock and the promises around it). `all` answers undefined when the read must go through
 * Kysely instead: a transaction is open on the connection (its uncommitted writes must stay unseen,
 * and Kysely's lock makes the read wait for it), or the SQL is not a read.
 */
export interface DirectReads {
  all(sql: string, parameters: readonly unknown[]): unknown[] | undefined;
}

/** One connection's statement cache, as Kysely takes it (`kysely`) and for {@link DirectReads} (`direct`). */
export interface SqliteAccess {
  kysely: SqliteDatabase;
  direct: DirectReads;
}

/**
 * The statement cache of `database`, shared by Kysely's SqliteDialect (`kysely`, on `database`) and the
 * synchronous reads of precompiled queries (`direct`). `prepare(sql)` returns the statement prepared
 * earlier for the same text. Reuse is safe: Kysely runs one query at a time on its single connection,
 * a direct read runs to its end before anything else runs, every parameter is bound on each run, and
 * better-sqlite3 re-prepares a statement itself when the schema changes. A statement that is still busy
 * (a stream being iterated) is not handed out twice: that query gets a fresh, uncached statement. The
 * least recently used statement is dropped when more than `capacity` are cached.
 */
export function sqliteAccess(database: SQLite.Database, capacity = DEFAULT_STATEMENT_CACHE_SIZE): SqliteAccess {
  const statements = new Map<string, SQLite.Statement>();
  const prepare = (sql: string): SQLite.Statement => {
    const cached = statements.get(sql);
    if (cached) {
      if (cached.busy) return database.prepare(sql);
      statements.delete(sql); // re-inserted last: the Map's order is the recency order
      statements.set(sql, cached);
      return cached;
    }
    const statement = database.prepare(sql);
    statements.set(sql, statement);
    if (statements.size > capacity) {
      const oldest = statements.keys().next().value;
      if (oldest !== undefined) statements.delete(oldest);
    }
    return statement;
  };
  return {
    kysely: {
      prepare: (sql: string): SqliteStatement => prepare(sql),
      close(): void {
        statements.clear();
        database.close();
      },
    },
    direct: {
      all(sql, parameters) {
        if (database.inTransaction) return undefined;
        const statement = prepare(sql);
        return statement.reader ? statement.all(parameters) : undefined;
      },
    },
  };
}

/** The SqliteDatabase Kysely's SqliteDialect takes: `database` behind {@link sqliteAccess}'s statement cache. */
export function withStatementCache(database: SQLite.Database, capacity = DEFAULT_STATEMENT_CACHE_SIZE): SqliteDatabase {
  return sqliteAccess(database, capacity).kysely;
}
