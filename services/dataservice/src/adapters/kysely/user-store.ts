/** The UserStore on Kysely: users with their location, race-safe creation by Slack identity, versions. */
import { sql, type Updateable } from "kysely";
import {
  ConflictError,
  type LocationRecord,
  type NewUser,
  StaleError,
  type UserRecord,
  type UserStore,
  type UserWithSecret,
} from "../../domain/store.ts";
import { isUuid7, uuid7 } from "../../domain/uuid7.ts";
import { CONSTRAINTS, type UsersTable } from "../migrations.ts";
import { type Db, type DbError, isUniqueViolation, type KyselyStoreOptions, now, type Trx } from "./db.ts";
import { decodeCursor, pageSize, toPage } from "./pages.ts";
import { precompile, precompiledVariants } from "./precompiled.ts";

/** The columns of a user as the reads return it (everything but the password hash). */
const USER_COLUMNS = [
  "id",
  "email",
  "display_name",
  "slack_team_id",
  "slack_user_id",
  "is_admin",
  "location_place",
  "location_lat",
  "location_lon",
  "version",
  "created_at",
  "updated_at",
] as const;

/** A users row without its password hash. */
type UserRow = Omit<UsersTable, "password_hash">;

/** The parameters of a users page; the optional filters and the cursor's key are absent when unused. */
interface ListParams extends Record<string, unknown> {
  email: string;
  team: string;
  user: string;
  /** The LIKE pattern of the text search (`%text%`, lower-cased, its wildcards escaped). */
  like: string;
  after: string;
  limit: number;
}

// Which of the optional conditions a users page has, as bits of its precompiled variant's key.
const HAS_EMAIL = 1;
const HAS_TEAM = 2;
const HAS_USER = 4;
const HAS_AFTER = 8;
const HAS_TEXT = 16;

const normalizeEmail = (email: string): string => email.trim().toLowerCase();

/**
 * The LIKE pattern that finds `text` anywhere, ignoring case: lower-cased, and `\`, `%` and `_` escaped
 * with `\` (the query's ESCAPE character) so that they match themselves.
 */
export function containsPattern(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}

/** The location columns of a row as a LocationRecord (the place; lat and lon when stored). */
function locationFromRow(row: Pick<UsersTable, "location_place" | "location_lat" | "location_lon">): LocationRecord {
  const location: LocationRecord = { place: row.location_place ?? "" };
  if (row.location_lat !== null) location.lat = Number(row.location_lat);
  if (row.location_lon !== null) location.lon = Number(row.location_lon);
  return location;
}

/** A row as a UserRecord; NULL columns are left out (absent keys, not `undefined` values). */
function userFromRow(row: UserRow): UserRecord {
  return {
    id: row.id,
    ...(row.email === null ? {} : { email: row.email }),
    display_name: row.display_name,
    ...(row.slack_team_id === null ? {} : { slack_team_id: row.slack_team_id }),
    ...(row.slack_user_id === null ? {} : { slack_user_id: row.slack_user_id }),
    is_admin: Number(row.is_admin) === 1,
    ...(row.location_place === null ? {} : { location: locationFromRow(row) }),
    created_at: row.created_at,
    updated_at: row.updated_at,
    version: Number(row.version),
  };
}

/** The user field a unique violation is about: by constraint name (PostgreSQL) or column (SQLite). */
function conflictField(err: unknown): ConflictError["field"] | undefined {
  if (!isUniqueViolation(err)) return undefined;
  const { constraint, message } = err as DbError;
  const text = typeof constraint === "string" ? constraint : typeof message === "string" ? message : "";
  if (text === CONSTRAINTS.usersEmail || text.includes("users.email")) return "email";
  if (text === CONSTRAINTS.usersSlackIdentity || text.includes("users.slack_team_id")) return "slack_identity";
  return undefined;
}

/** Runs `work`, turning unique violations on users into ConflictError. */
async function mapConflicts<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    const field = conflictField(err);
    throw field ? new ConflictError(field) : err;
  }
}

/** The UserStore on `db`. */
export function createUserStore(db: Db, options: KyselyStoreOptions): UserStore {
  const locked = options.dialect === "postgres";
  const tx = <T>(work: (trx: Trx) => Promise<T>): Promise<T> => mapConflicts(() => db.transaction().execute(work));
  const lockUser = (trx: Trx, id: string) =>
    trx
      .selectFrom("users")
      .selectAll()
      .where("id", "=", id)
      .$if(locked, (qb) => qb.forUpdate())
      .executeTakeFirst();
  const byId = precompile<{ id: string }, UserRow>(
    db,
    (param) => db.selectFrom("users").select(USER_COLUMNS).where("id", "=", param("id")),
    options,
  );
  const byEmail = precompile<{ email: string }, UsersTable>(
    db,
    (param) =>
      db
        .selectFrom("users")
        .select([...USER_COLUMNS, "password_hash"])
        .where("email", "=", param("email")),
    options,
  );
  const bySlackIdentity = precompile<{ team: string; user: string }, UserRow>(
    db,
    (param) =>
      db
        .selectFrom("users")
        .select(USER_COLUMNS)
        .where("slack_team_id", "=", param("team"))
        .where("slack_user_id", "=", param("user")),
    options,
  );
  const countAll = precompile<Record<string, never>, { n: number | string | bigint }>(
    db,
    () => db.selectFrom("users").select((eb) => eb.fn.countAll<number | string | bigint>().as("n")),
    options,
  );
  const pages = precompiledVariants<number, ListParams, UserRow>(
    db,
    (shape, param) =>
      db
        .selectFrom("users")
        .select(USER_COLUMNS)
        .$if((shape & HAS_EMAIL) !== 0, (qb) => qb.where("email", "=", param("email")))
        .$if((shape & HAS_TEAM) !== 0, (qb) => qb.where("slack_team_id", "=", param("team")))
        .$if((shape & HAS_USER) !== 0, (qb) => qb.where("slack_user_id", "=", param("user")))
        .$if((shape & HAS_TEXT) !== 0, (qb) =>
          // lower() on both sides: SQLite's LIKE folds ASCII only, PostgreSQL's folds nothing. The
          // pattern is a bound parameter; ESCAPE makes its `\%`, `\_` and `\\` literal on both.
          qb.where(
            sql<boolean>`(lower(${sql.ref("email")}) like ${param("like")} escape '\\' or lower(${sql.ref("display_name")}) like ${param("like")} escape '\\')`,
          ),
        )
        .$if((shape & HAS_AFTER) !== 0, (qb) => qb.where("id", ">", param("after")))
        .orderBy("id")
        .limit(param("limit")),
    options,
  );
  const bySlack = async (teamId: string, userId: string) =>
    (await bySlackIdentity.run({ team: teamId, user: userId }))[0];

  const store: UserStore = {
    async list(filter, limit, cursor) {
      const after = cursor === undefined ? undefined : decodeCursor(cursor, isUuid7);
      const size = pageSize(limit);
      const shape =
        (filter.email === undefined ? 0 : HAS_EMAIL) |
        (filter.slack_team_id === undefined ? 0 : HAS_TEAM) |
        (filter.slack_user_id === undefined ? 0 : HAS_USER) |
        (filter.q === undefined ? 0 : HAS_TEXT) |
        (after === undefined ? 0 : HAS_AFTER);
      const rows = await pages.get(shape).run({
        email: normalizeEmail(filter.email ?? ""),
        team: filter.slack_team_id ?? "",
        user: filter.slack_user_id ?? "",
        like: containsPattern(filter.q ?? ""),
        after: after ?? "",
        limit: size + 1,
      });
      return toPage(rows, size, (row) => row.id, userFromRow);
    },

    async get(id) {
      const row = (await byId.run({ id }))[0];
      return row && userFromRow(row);
    },

    async findByEmail(email) {
      const row = (await byEmail.run({ email: normalizeEmail(email) }))[0];
      if (!row) return undefined;
      const user: UserWithSecret = userFromRow(row);
      if (row.password_hash !== null) user.password_hash = row.password_hash;
      return user;
    },

    async count() {
      const row = (await countAll.run({}))[0];
      return Number(row?.n ?? 0);
    },

    async create(input: NewUser) {
      const at = now();
      const row: UsersTable = {
        id: uuid7(),
        email: input.email === undefined ? null : normalizeEmail(input.email),
        display_name: input.display_name,
        password_hash: input.password_hash ?? null,
        slack_team_id: input.slack_team_id ?? null,
        slack_user_id: input.slack_user_id ?? null,
        is_admin: input.is_admin ? 1 : 0,
        location_place: null,
        location_lat: null,
        location_lon: null,
        version: 1,
        created_at: at,
        updated_at: at,
      };
      await tx((trx) => trx.insertInto("users").values(row).execute());
      return userFromRow(row);
    },

    async findOrCreateBySlack({ slack_team_id, slack_user_id, display_name }) {
      // Insert; a concurrent caller that loses the race gets a unique violation and reads the winner's row.
      for (let attempt = 0; ; attempt++) {
        const existing = await bySlack(slack_team_id, slack_user_id);
        if (existing) return { user: userFromRow(existing), created: false };
        try {
          const user = await store.create({
            display_name: display_name ?? slack_user_id,
            slack_team_id,
            slack_user_id,
          });
          return { user, created: true };
        } catch (err) {
          if (!(err instanceof ConflictError && err.field === "slack_identity") || attempt >= 2) throw err;
        }
      }
    },

    update(id, patch, expectedVersion) {
      return tx(async (trx) => {
        const current = await lockUser(trx, id);
        if (!current) return undefined;
        if (expectedVersion !== undefined && expectedVersion !== Number(current.version)) {
          throw new StaleError(Number(current.version));
        }
        const changes: Updateable<UsersTable> = {};
        if (patch.email !== undefined) changes.email = normalizeEmail(patch.email);
        if (patch.display_name !== undefined) changes.display_name = patch.display_name;
        if (patch.password_hash !== undefined) changes.password_hash = patch.password_hash;
        if (patch.is_admin !== undefined) changes.is_admin = patch.is_admin ? 1 : 0;
        if (Object.keys(changes).length === 0) return userFromRow(current);
        const row = await trx
          .updateTable("users")
          .set({ ...changes, version: Number(current.version) + 1, updated_at: now() })
          .where("id", "=", id)
          .returningAll()
          .executeTakeFirstOrThrow();
        return userFromRow(row);
      });
    },

    delete(id, expectedVersion) {
      return tx(async (trx) => {
        const current = await lockUser(trx, id);
        if (!current) return false;
        if (expectedVersion !== undefined && expectedVersion !== Number(current.version)) {
          throw new StaleError(Number(current.version));
        }
        // settings go with the user (ON DELETE CASCADE)
        const result = await trx.deleteFrom("users").where("id", "=", id).executeTakeFirst();
        return result.numDeletedRows > 0n;
      });
    },

    setLocation(id, location) {
      return tx(async (trx) => {
        const row = await trx
          .updateTable("users")
          .set({
            location_place: location.place,
            location_lat: location.lat ?? null,
            location_lon: location.lon ?? null,
            version: sql<number>`version + 1`,
            updated_at: now(),
          })
          .where("id", "=", id)
          .returning(["location_place", "location_lat", "location_lon"])
          .executeTakeFirst();
        return row && locationFromRow(row);
      });
    },

    deleteLocation(id) {
      return tx(async (trx) => {
        const result = await trx
          .updateTable("users")
          .set({
            location_place: null,
            location_lat: null,
            location_lon: null,
            version: sql<number>`version + 1`,
            updated_at: now(),
          })
          .where("id", "=", id)
          .where("location_place", "is not", null)
          .executeTakeFirst();
        return result.numUpdatedRows > 0n;
      });
    },
  };
  return store;
}
