/**
 * UserStore, SettingStore, WorkspaceStore and AlertStore on Kysely, the same code for SQLite and PostgreSQL.
 * Ids are UUIDv7, so `ORDER BY id` is creation order; lists are keyset-paginated with a cursor that is
 * the base64url of the last item's key. Writes run in transactions; unique violations of either
 * dialect become ConflictError.
 */
import { type Kysely, sql, type Transaction, type Updateable } from "kysely";
import {
  type AlertSendRecord,
  type AlertStore,
  type AlertSubscriptionRecord,
  AlreadyClaimedError,
  BadCursorError,
  ConflictError,
  type LocationRecord,
  type NewUser,
  type Page,
  type SettingRecord,
  type SettingStore,
  StaleError,
  type UserRecord,
  type UserStore,
  type UserWithSecret,
  type WorkspaceRecord,
  type WorkspaceStore,
} from "../domain/store.ts";
import { isUuid7, uuid7 } from "../domain/uuid7.ts";
import { CONSTRAINTS, type DatabaseSchema, type UsersTable, type WorkspacesTable } from "./migrations.ts";
import { decryptSecret, encryptSecret } from "./secret-box.ts";

/** What the stores need besides the Kysely instance. */
export interface KyselyStoreOptions {
  dialect: "sqlite" | "postgres";
  /** 32-byte AES-256-GCM key for bot tokens. */
  encryptionKey: Buffer;
}

type Db = Kysely<DatabaseSchema>;
type Trx = Transaction<DatabaseSchema>;

const now = (): string => new Date().toISOString();
const normalizeEmail = (email: string): string => email.trim().toLowerCase();
const encodeCursor = (key: string): string => Buffer.from(key, "utf8").toString("base64url");
// A plausible team id: printable ASCII without spaces, at most 255 characters.
const isPlausibleTeamId = (id: string): boolean => /^[\x21-\x7e]{1,255}$/.test(id);

/** The key a cursor stands for; BadCursorError unless it is canonical base64url of a plausible key. */
function decodeCursor(cursor: string, plausible: (key: string) => boolean): string {
  const key = Buffer.from(cursor, "base64url").toString("utf8");
  if (!cursor || encodeCursor(key) !== cursor || !plausible(key)) throw new BadCursorError();
  return key;
}

/** One page from `limit + 1` rows. */
function toPage<R, T>(rows: R[], limit: number, keyOf: (row: R) => string, map: (row: R) => T): Page<T> {
  const items = rows.slice(0, limit);
  const page: Page<T> = { items: items.map(map) };
  if (rows.length > limit) page.next_cursor = encodeCursor(keyOf(items[items.length - 1]));
  return page;
}

const pageSize = (limit: number): number => Math.max(1, Math.trunc(limit) || 1);

function toLocation(row: Pick<UsersTable, "location_place" | "location_lat" | "location_lon">): LocationRecord {
  const location: LocationRecord = { place: row.location_place ?? "" };
  if (row.location_lat !== null) location.lat = Number(row.location_lat);
  if (row.location_lon !== null) location.lon = Number(row.location_lon);
  return location;
}

/** A row as a UserRecord; NULL columns are left out (absent keys, not `undefined` values). */
function toUser(row: UsersTable): UserRecord {
  return {
    id: row.id,
    ...(row.email === null ? {} : { email: row.email }),
    display_name: row.display_name,
    ...(row.slack_team_id === null ? {} : { slack_team_id: row.slack_team_id }),
    ...(row.slack_user_id === null ? {} : { slack_user_id: row.slack_user_id }),
    is_admin: Number(row.is_admin) === 1,
    ...(row.location_place === null ? {} : { location: toLocation(row) }),
    created_at: row.created_at,
    updated_at: row.updated_at,
    version: Number(row.version),
  };
}

interface DbError {
  code?: unknown;
  constraint?: unknown;
  message?: unknown;
}

/** Whether `err` is a unique (or primary key) violation on either dialect. */
function isUniqueViolation(err: unknown): boolean {
  const { code } = (err ?? {}) as DbError;
  return code === "23505" || code === "SQLITE_CONSTRAINT_UNIQUE" || code === "SQLITE_CONSTRAINT_PRIMARYKEY";
}

/** Whether `err` is a foreign key violation on either dialect. */
function isForeignKeyViolation(err: unknown): boolean {
  const { code } = (err ?? {}) as DbError;
  return code === "23503" || code === "SQLITE_CONSTRAINT_FOREIGNKEY";
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
  const bySlack = (teamId: string, userId: string) =>
    db
      .selectFrom("users")
      .selectAll()
      .where("slack_team_id", "=", teamId)
      .where("slack_user_id", "=", userId)
      .executeTakeFirst();

  const store: UserStore = {
    async list(filter, limit, cursor) {
      const after = cursor === undefined ? undefined : decodeCursor(cursor, isUuid7);
      const size = pageSize(limit);
      const rows = await db
        .selectFrom("users")
        .selectAll()
        .$if(filter.email !== undefined, (qb) => qb.where("email", "=", normalizeEmail(filter.email ?? "")))
        .$if(filter.slack_team_id !== undefined, (qb) => qb.where("slack_team_id", "=", filter.slack_team_id ?? ""))
        .$if(filter.slack_user_id !== undefined, (qb) => qb.where("slack_user_id", "=", filter.slack_user_id ?? ""))
        .$if(after !== undefined, (qb) => qb.where("id", ">", after ?? ""))
        .orderBy("id")
        .limit(size + 1)
        .execute();
      return toPage(rows, size, (row) => row.id, toUser);
    },

    async get(id) {
      const row = await db.selectFrom("users").selectAll().where("id", "=", id).executeTakeFirst();
      return row && toUser(row);
    },

    async findByEmail(email) {
      const row = await db
        .selectFrom("users")
        .selectAll()
        .where("email", "=", normalizeEmail(email))
        .executeTakeFirst();
      if (!row) return undefined;
      const user: UserWithSecret = toUser(row);
      if (row.password_hash !== null) user.password_hash = row.password_hash;
      return user;
    },

    async count() {
      const row = await db
        .selectFrom("users")
        .select((eb) => eb.fn.countAll().as("n"))
        .executeTakeFirstOrThrow();
      return Number(row.n);
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
      return toUser(row);
    },

    async findOrCreateBySlack({ slack_team_id, slack_user_id, display_name }) {
      // Insert; a concurrent caller that loses the race gets a unique violation and reads the winner's row.
      for (let attempt = 0; ; attempt++) {
        const existing = await bySlack(slack_team_id, slack_user_id);
        if (existing) return { user: toUser(existing), created: false };
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
        if (Object.keys(changes).length === 0) return toUser(current);
        const row = await trx
          .updateTable("users")
          .set({ ...changes, version: Number(current.version) + 1, updated_at: now() })
          .where("id", "=", id)
          .returningAll()
          .executeTakeFirstOrThrow();
        return toUser(row);
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
        return row && toLocation(row);
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

/** The SettingStore on `db`; a missing user gives undefined / false. */
export function createSettingStore(db: Db): SettingStore {
  const userExists = async (q: Db | Trx, id: string) =>
    (await q.selectFrom("users").select("id").where("id", "=", id).executeTakeFirst()) !== undefined;
  const toSetting = ({ key, value, updated_at }: SettingRecord): SettingRecord => ({ key, value, updated_at });

  return {
    async list(userId) {
      if (!(await userExists(db, userId))) return undefined;
      const rows = await db
        .selectFrom("settings")
        .select(["key", "value", "updated_at"])
        .where("user_id", "=", userId)
        .orderBy("key")
        .execute();
      return rows.map(toSetting);
    },

    async get(userId, key) {
      const row = await db
        .selectFrom("settings")
        .select(["key", "value", "updated_at"])
        .where("user_id", "=", userId)
        .where("key", "=", key)
        .executeTakeFirst();
      return row && toSetting(row);
    },

    async set(userId, key, value) {
      try {
        return await db.transaction().execute(async (trx) => {
          if (!(await userExists(trx, userId))) return undefined;
          const updated_at = now();
          const row = await trx
            .insertInto("settings")
            .values({ user_id: userId, key, value, updated_at })
            .onConflict((oc) => oc.columns(["user_id", "key"]).doUpdateSet({ value, updated_at }))
            .returning(["key", "value", "updated_at"])
            .executeTakeFirstOrThrow();
          return toSetting(row);
        });
      } catch (err) {
        if (isForeignKeyViolation(err)) return undefined; // the user was deleted meanwhile
        throw err;
      }
    },

    async delete(userId, key) {
      const result = await db
        .transaction()
        .execute((trx) =>
          trx.deleteFrom("settings").where("user_id", "=", userId).where("key", "=", key).executeTakeFirst(),
        );
      return result.numDeletedRows > 0n;
    },
  };
}

/** The WorkspaceStore on `db`; bot tokens are stored encrypted with `options.encryptionKey`. */
export function createWorkspaceStore(db: Db, options: KyselyStoreOptions): WorkspaceStore {
  const key = options.encryptionKey;
  if (key.length !== 32) throw new RangeError("the encryption key must be 32 bytes");
  const locked = options.dialect === "postgres";
  const toWorkspace = (row: WorkspacesTable, botToken?: string): WorkspaceRecord => {
    const scopes: unknown = JSON.parse(row.scopes);
    return {
      team_id: row.team_id,
      team_name: row.team_name,
      bot_user_id: row.bot_user_id,
      scopes: Array.isArray(scopes) ? scopes.map(String) : [],
      bot_token: botToken ?? decryptSecret(key, row.bot_token_enc),
      installed_at: row.installed_at,
      updated_at: row.updated_at,
    };
  };

  return {
    async list(limit, cursor) {
      const after = cursor === undefined ? undefined : decodeCursor(cursor, isPlausibleTeamId);
      const size = pageSize(limit);
      const rows = await db
        .selectFrom("workspaces")
        .selectAll()
        .$if(after !== undefined, (qb) => qb.where("team_id", ">", after ?? ""))
        .orderBy("team_id")
        .limit(size + 1)
        .execute();
      return toPage(
        rows,
        size,
        (row) => row.team_id,
        (row) => toWorkspace(row),
      );
    },

    async get(teamId) {
      const row = await db.selectFrom("workspaces").selectAll().where("team_id", "=", teamId).executeTakeFirst();
      return row && toWorkspace(row);
    },

    async upsert(teamId, input) {
      // Two first installs at once: the loser's insert hits the primary key and retries as an update.
      for (let attempt = 0; ; attempt++) {
        try {
          return await db.transaction().execute(async (trx) => {
            const existing = await trx
              .selectFrom("workspaces")
              .select("team_id")
              .where("team_id", "=", teamId)
              .$if(locked, (qb) => qb.forUpdate())
              .executeTakeFirst();
            const at = now();
            const values = {
              team_name: input.team_name,
              bot_user_id: input.bot_user_id,
              bot_token_enc: encryptSecret(key, input.bot_token),
              scopes: JSON.stringify(input.scopes),
              updated_at: at,
            };
            const row = existing
              ? await trx
                  .updateTable("workspaces")
                  .set(values)
                  .where("team_id", "=", teamId)
                  .returningAll()
                  .executeTakeFirstOrThrow()
              : await trx
                  .insertInto("workspaces")
                  .values({ team_id: teamId, ...values, installed_at: at })
                  .returningAll()
                  .executeTakeFirstOrThrow();
            return { workspace: toWorkspace(row, input.bot_token), created: !existing };
          });
        } catch (err) {
          if (!isUniqueViolation(err) || attempt >= 1) throw err;
        }
      }
    },

    async delete(teamId) {
      const result = await db
        .transaction()
        .execute((trx) => trx.deleteFrom("workspaces").where("team_id", "=", teamId).executeTakeFirst());
      return result.numDeletedRows > 0n;
    },
  };
}

/** The settings an alert subscription is made of (the bot writes them; see the actions service). */
export const ALERT_SETTINGS = { alertTime: "alerts", timezone: "timezone", units: "units" } as const;

/** The time zone of a subscription without a `timezone` setting. */
export const DEFAULT_TIMEZONE = "UTC";

interface SubscriptionRow {
  user_id: string;
  slack_team_id: string | null;
  slack_user_id: string | null;
  location_place: string | null;
  alert_time: string;
  timezone: string | null;
  units: string | null;
}

/** A joined row as a subscription; NULL columns are left out, a missing time zone is UTC. */
function toSubscription(row: SubscriptionRow): AlertSubscriptionRecord {
  return {
    user_id: row.user_id,
    ...(row.slack_team_id === null ? {} : { slack_team_id: row.slack_team_id }),
    ...(row.slack_user_id === null ? {} : { slack_user_id: row.slack_user_id }),
    alert_time: row.alert_time,
    timezone: row.timezone ?? DEFAULT_TIMEZONE,
    ...(row.units === null ? {} : { units: row.units }),
    ...(row.location_place === null ? {} : { location: row.location_place }),
  };
}

/**
 * The AlertStore on `db`: a page of subscriptions is one query (users joined with their `alerts`,
 * `timezone` and `units` settings); a claim is one insert whose primary key (user_id, local_date) lets
 * exactly one of concurrent claims through, on SQLite and PostgreSQL alike.
 */
export function createAlertStore(db: Db): AlertStore {
  return {
    async listSubscriptions(limit, cursor) {
      const after = cursor === undefined ? undefined : decodeCursor(cursor, isUuid7);
      const size = pageSize(limit);
      const rows = await db
        .selectFrom("settings as alert")
        .innerJoin("users", "users.id", "alert.user_id")
        .leftJoin("settings as zone", (join) =>
          join.onRef("zone.user_id", "=", "users.id").on("zone.key", "=", ALERT_SETTINGS.timezone),
        )
        .leftJoin("settings as units", (join) =>
          join.onRef("units.user_id", "=", "users.id").on("units.key", "=", ALERT_SETTINGS.units),
        )
        .where("alert.key", "=", ALERT_SETTINGS.alertTime)
        .$if(after !== undefined, (qb) => qb.where("users.id", ">", after ?? ""))
        .select([
          "users.id as user_id",
          "users.slack_team_id",
          "users.slack_user_id",
          "users.location_place",
          "alert.value as alert_time",
          "zone.value as timezone",
          "units.value as units",
        ])
        .orderBy("users.id")
        .limit(size + 1)
        .execute();
      return toPage(rows, size, (row) => row.user_id, toSubscription);
    },

    async claimSend(userId, localDate) {
      const claim: AlertSendRecord = { user_id: userId, local_date: localDate, claimed_at: now() };
      try {
        await db.insertInto("alert_sends").values(claim).execute();
        return claim;
      } catch (err) {
        if (isUniqueViolation(err)) throw new AlreadyClaimedError();
        if (isForeignKeyViolation(err)) return undefined; // no such user
        throw err;
      }
    },
  };
}
