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
 * The SqliteDatabase Kysely's SqliteDialect takes, on `database`, with `prepare(sql)` returning the
 * statement prepared earlier for the same text. Reuse is safe: Kysely runs one query at a time on its
 * single connection, binds every parameter on each run, and better-sqlite3 re-prepares a statement
 * itself when the schema changes. A statement that is still busy (a stream being iterated) is not
 * handed out twice: that query gets a fresh, uncached statement. The least recently used statement
 * is dropped when more than `capacity` are cached.
 */
export function withStatementCache(database: SQLite.Database, capacity = DEFAULT_STATEMENT_CACHE_SIZE): SqliteDatabase {
  const statements = new Map<string, SQLite.Statement>();
  return {
    prepare(sql: string): SqliteStatement {
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
    },
    close(): void {
      statements.clear();
      database.close();
    },
  };
}
