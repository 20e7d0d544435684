/**
 * What the Kysely stores share: the database types, the options, the clock of `created_at` /
 * `updated_at`, and how either dialect reports a unique or foreign key violation.
 */
import type { Kysely, Transaction } from "kysely";
import type { DatabaseSchema } from "../migrations.ts";
import type { NamedStatements } from "./pg-named-statements.ts";
import type { DirectReads } from "./sqlite-statements.ts";

/** What the stores need besides the Kysely instance. */
export interface KyselyStoreOptions {
  dialect: "sqlite" | "postgres";
  /** 32-byte AES-256-GCM key for bot tokens. */
  encryptionKey: Buffer;
  /** PostgreSQL: where the hot queries register as named statements (see pg-named-statements.ts). */
  statements?: NamedStatements;
  /** SQLite: where the hot queries read straight from the connection outside a transaction (sqlite-statements.ts). */
  direct?: DirectReads;
}

/** The database the stores run on. */
export type Db = Kysely<DatabaseSchema>;
/** A transaction on {@link Db}. */
export type Trx = Transaction<DatabaseSchema>;

/** Now, as the stores write timestamps (ISO 8601, UTC, milliseconds). */
export const now = (): string => new Date().toISOString();

/** The fields of a driver error the stores look at. */
export interface DbError {
  code?: unknown;
  constraint?: unknown;
  message?: unknown;
}

/** Whether `err` is a unique (or primary key) violation on either dialect. */
export function isUniqueViolation(err: unknown): boolean {
  const { code } = (err ?? {}) as DbError;
  return code === "23505" || code === "SQLITE_CONSTRAINT_UNIQUE" || code === "SQLITE_CONSTRAINT_PRIMARYKEY";
}

/** Whether `err` is a foreign key violation on either dialect. */
export function isForeignKeyViolation(err: unknown): boolean {
  const { code } = (err ?? {}) as DbError;
  return code === "23503" || code === "SQLITE_CONSTRAINT_FOREIGNKEY";
}
