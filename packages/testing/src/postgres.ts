import pg from "pg";

/** Where the tests look for PostgreSQL (the one this machine kind runs: trust auth, database `test`). */
export const TEST_POSTGRES_URL = "postgres://postgres@127.0.0.1:5432/test";

const checked = new Map<string, Promise<boolean>>();

/**
 * Whether PostgreSQL at `url` accepts a connection and answers `select 1` (checked once per URL; 10 s
 * at most: a loaded machine is slow, not absent).
 */
export function postgresReachable(url = TEST_POSTGRES_URL): Promise<boolean> {
  let answer = checked.get(url);
  if (!answer) {
    answer = (async () => {
      const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
      try {
        await client.connect();
        await client.query("select 1");
        return true;
      } catch {
        return false;
      } finally {
        await client.end().catch(() => {});
      }
    })();
    checked.set(url, answer);
  }
  return answer;
}
