/**
 * Named (server-side prepared) statements for the stores' hot queries on PostgreSQL. pg parses a named
 * statement once per connection and afterwards only binds and executes it; Kysely's PostgresDriver
 * always sends text, so the pool handed to it is wrapped: a query whose SQL text was registered here
 * is sent with its name. Only registered texts are named, so migrations and other DDL never run as
 * prepared statements, and the registered queries list their columns (no `select *`, whose cached
 * plan PostgreSQL refuses once a column is added).
 */
import type { PostgresPool, PostgresPoolClient } from "kysely";
import type pg from "pg";

/** How many SQL texts are named at most; beyond, queries are sent unnamed as before. */
export const MAX_NAMED_STATEMENTS = 200;

/** The SQL texts sent as named statements, and their names (`jeeves_<n>`). */
export class NamedStatements {
  readonly #names = new Map<string, string>();

  /** Registers `sql`: from now on it runs as a named statement (unless the registry is full). */
  register(sql: string): void {
    if (this.#names.has(sql) || this.#names.size >= MAX_NAMED_STATEMENTS) return;
    this.#names.set(sql, `jeeves_${this.#names.size + 1}`);
  }

  /** The name `sql` runs under, or undefined for an unnamed query. */
  nameOf(sql: string): string | undefined {
    return this.#names.get(sql);
  }
}

/**
 * `pool` as Kysely's PostgresDialect takes it, sending the SQL texts registered in `names` as named
 * statements. Each pg client gets one wrapper, so Kysely keeps one connection object per client.
 */
export function namingPool(pool: pg.Pool, names: NamedStatements): PostgresPool {
  const wrappers = new WeakMap<pg.PoolClient, PostgresPoolClient>();
  const wrap = (client: pg.PoolClient): PostgresPoolClient => {
    let wrapper = wrappers.get(client);
    if (!wrapper) {
      // biome-ignore lint/suspicious/noExplicitAny: text or a cursor, passed on as Kysely gave it
      const query = client.query.bind(client) as (...args: any[]) => any;
      wrapper = {
        query(sqlOrCursor: unknown, parameters?: ReadonlyArray<unknown>) {
          const name = typeof sqlOrCursor === "string" ? names.nameOf(sqlOrCursor) : undefined;
          return name === undefined
            ? query(sqlOrCursor, parameters)
            : query({ name, text: sqlOrCursor, values: parameters });
        },
        release: (destroy?: boolean) => client.release(destroy),
      } as PostgresPoolClient;
      wrappers.set(client, wrapper);
    }
    return wrapper;
  };
  return {
    connect: async () => wrap(await pool.connect()),
    end: () => pool.end(),
  };
}
