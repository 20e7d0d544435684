/**
 * A throw-away PostgreSQL database for a figure: created fresh (`jeeves_bench_<pid>`), filled with users
 * in bulk after the dataservice migrated it, and dropped afterwards.
 */
import { postgresReachable } from "@jeeves/testing";
import pg from "pg";

/** The database a figure works in. */
export interface BenchDatabase {
  /** Its URL (for DATABASE_URL). */
  url: string;
  /** A client on it (for bulk inserts, samples, EXPLAIN). */
  client: pg.Client;
  /** Closes the client and drops the database. */
  drop(): Promise<void>;
}

/** Whether PostgreSQL answers at `serverUrl` (the tests' check, from @jeeves/testing). */
export { postgresReachable };

/** Creates `jeeves_bench_<pid>` on the server of `serverUrl` (a URL of an existing database, e.g. `postgres`). */
export async function createBenchDatabase(serverUrl: string): Promise<BenchDatabase> {
  const name = `jeeves_bench_${process.pid}`;
  const admin = new pg.Client(serverUrl);
  await admin.connect();
  try {
    await admin.query(`drop database if exists ${name}`);
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const client = new pg.Client(url.href);
  await client.connect();
  return {
    url: url.href,
    client,
    async drop() {
      await client.end().catch(() => {});
      const again = new pg.Client(serverUrl);
      await again.connect();
      try {
        await again.query(`drop database if exists ${name} with (force)`);
      } finally {
        await again.end();
      }
    },
  };
}

/**
 * Inserts `count` users in batches of `batch` (INSERT … SELECT generate_series), printing a progress line
 * per batch. Ids are UUIDv7 strings whose time part is `startMs + n` (so `ORDER BY id` is `n`'s order, and
 * all come before ids made later); emails `bench<n>@bench.example`.
 */
export async function insertUsers(
  client: pg.Client,
  count: number,
  progress: (line: string) => void,
  batch = 100_000,
): Promise<void> {
  const startMs = Date.now() - 86_400_000 - count;
  await client.query("set synchronous_commit = off");
  const started = Date.now();
  for (let from = 1; from <= count; from += batch) {
    const to = Math.min(count, from + batch - 1);
    await client.query(
      `insert into users (id, email, display_name, is_admin, version, created_at, updated_at)
       select substr(h, 1, 8) || '-' || substr(h, 9, 4) || '-7' || substr(r, 1, 3) || '-8' || substr(r, 4, 3) || '-' || substr(r, 7, 12),
              'bench' || n || '@bench.example', 'Bench user ' || n, 0, 1, at, at
       from (
         select n,
                lpad(to_hex($3::bigint + n), 12, '0') as h,
                md5(n::text) as r,
                to_char(to_timestamp(($3::bigint + n) / 1000.0) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as at
         from generate_series($1::int, $2::int) as n
       ) as s`,
      [from, to, startMs],
    );
    progress(
      `  users: ${to.toLocaleString("en")} of ${count.toLocaleString("en")} (${((Date.now() - started) / 1000).toFixed(1)} s)`,
    );
  }
  progress("  vacuum analyze users");
  await client.query("vacuum analyze users");
}
