import { StartupError } from "@jeeves/service-kit";
import pg from "pg";

const DATABASE_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

/**
 * Creates the database DATABASE_URL names when the server does not have it yet (the cluster's default
 * `jeeves` on a fresh PostgreSQL), connecting to the server's `postgres` database to do it. Answers
 * whether it created it. A name that is not a plain identifier is a StartupError: it is never quoted
 * into SQL.
 */
export async function ensureDatabase(url: string): Promise<boolean> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  if (!DATABASE_NAME.test(name)) {
    throw new StartupError("DATABASE_URL", "DATABASE_URL must name a database made of letters, digits and _");
  }
  const admin = new URL(url);
  admin.pathname = "/postgres";
  const client = new pg.Client({ connectionString: admin.toString(), connectionTimeoutMillis: 10_000 });
  try {
    await client.connect();
    const found = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (found.rowCount) return false;
    await client.query(`CREATE DATABASE "${name}"`);
    return true;
  } catch (error) {
    if ((error as { code?: string }).code === "42P04") return false; // created meanwhile by someone else
    throw new StartupError("DATABASE_URL", `could not make sure the database ${name} exists`, { cause: error });
  } finally {
    await client.end().catch(() => {});
  }
}
