/**
 * What the dataservice needs from storage. The Kysely adapter (adapters/kysely-store.ts) implements it
 * on SQLite and PostgreSQL alike; handlers only see this interface.
 */
import type { components } from "@jeeves/generated/openapi/dataservice";

/** A user's saved location. */
export interface LocationRecord {
  place: string;
  lat?: number;
  lon?: number;
}

/** A user as stored; `version` grows by one on every change and makes the ETag. */
export interface UserRecord {
  id: string;
  email?: string;
  display_name: string;
  slack_team_id?: string;
  slack_user_id?: string;
  is_admin: boolean;
  location?: LocationRecord;
  created_at: string;
  updated_at: string;
  version: number;
}

/** A user with its password hash, only for the password check. */
export interface UserWithSecret extends UserRecord {
  password_hash?: string;
}

/** What creating a user takes; the email is stored lower-cased. */
export interface NewUser {
  email?: string;
  display_name: string;
  password_hash?: string;
  slack_team_id?: string;
  slack_user_id?: string;
  is_admin?: boolean;
}

/** The fields an update may change; absent fields stay as they are. */
export interface UserPatch {
  email?: string;
  display_name?: string;
  password_hash?: string;
  is_admin?: boolean;
}

/** Filters of the user list; all given ones must hold. */
export interface UserFilter {
  email?: string;
  slack_team_id?: string;
  slack_user_id?: string;
  /** Text the email or the display name contains, ignoring case; `%`, `_` and `\` are matched as such. */
  q?: string;
}

/** One page of a list, oldest first; `next_cursor` is absent on the last page. */
export interface Page<T> {
  items: T[];
  next_cursor?: string;
}

/** One setting of a user. */
export interface SettingRecord {
  key: string;
  value: string;
  updated_at: string;
}

/** A Slack workspace with its bot token decrypted. */
export interface WorkspaceRecord {
  team_id: string;
  team_name: string;
  bot_user_id: string;
  scopes: string[];
  bot_token: string;
  installed_at: string;
  updated_at: string;
}

/** What installing or updating a workspace takes. */
export interface WorkspaceInput {
  team_name: string;
  bot_user_id: string;
  bot_token: string;
  scopes: string[];
}

/**
 * A user who turned the daily alert on, with the settings and place the scheduler needs: the API's
 * `AlertSubscription` (the `alerts` setting as stored, `timezone` `UTC` when unset, `units` and the
 * saved location's place absent when unset).
 */
export type AlertSubscriptionRecord = components["schemas"]["AlertSubscription"];

/** A claimed alert send. */
export interface AlertSendRecord {
  user_id: string;
  local_date: string;
  claimed_at: string;
}

/** A unique field (email, or the Slack team + user pair) already belongs to another user. */
export class ConflictError extends Error {
  constructor(readonly field: "email" | "slack_identity") {
    super(`${field} already belongs to another user`);
    this.name = "ConflictError";
  }
}

/** The caller's expected version is not the stored one. */
export class StaleError extends Error {
  constructor(readonly current: number) {
    super(`stale version; current is ${current}`);
    this.name = "StaleError";
  }
}

/** The alert of this user and local date was claimed before. */
export class AlreadyClaimedError extends Error {
  constructor() {
    super("this alert send was claimed already");
    this.name = "AlreadyClaimedError";
  }
}

/**
 * The database cannot be reached (refused, reset or closed connection, connect timeout, shutdown, busy):
 * nothing was read or changed, or a change was rolled back. Worth asking again in a few seconds.
 */
export class StoreUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "StoreUnavailableError";
  }
}

/** A pagination cursor that this store did not hand out. */
export class BadCursorError extends Error {
  constructor() {
    super("cursor is not valid");
    this.name = "BadCursorError";
  }
}

/** Users, their settings and location. Missing users give `undefined` / `false`, never throw. */
export interface UserStore {
  list(filter: UserFilter, limit: number, cursor?: string): Promise<Page<UserRecord>>;
  get(id: string): Promise<UserRecord | undefined>;
  findByEmail(email: string): Promise<UserWithSecret | undefined>;
  count(): Promise<number>;
  /** Throws ConflictError on a duplicate email or Slack identity. */
  create(input: NewUser): Promise<UserRecord>;
  /** Race-safe: two concurrent calls for one identity give one user (one `created: true`). */
  findOrCreateBySlack(identity: {
    slack_team_id: string;
    slack_user_id: string;
    display_name?: string;
  }): Promise<{ user: UserRecord; created: boolean }>;
  /** Throws ConflictError, or StaleError when `expectedVersion` is given and differs. */
  update(id: string, patch: UserPatch, expectedVersion?: number): Promise<UserRecord | undefined>;
  /** Deletes the user with its settings. Throws StaleError when `expectedVersion` differs. */
  delete(id: string, expectedVersion?: number): Promise<boolean>;
  /** Saves the location and bumps the user's version; undefined when there is no such user. */
  setLocation(id: string, location: LocationRecord): Promise<LocationRecord | undefined>;
  /** Removes the location; false when there was no user or no location. */
  deleteLocation(id: string): Promise<boolean>;
}

/** Settings by user; `undefined` when the user does not exist. */
export interface SettingStore {
  list(userId: string): Promise<SettingRecord[] | undefined>;
  get(userId: string, key: string): Promise<SettingRecord | undefined>;
  set(userId: string, key: string, value: string): Promise<SettingRecord | undefined>;
  delete(userId: string, key: string): Promise<boolean>;
}

/** Slack workspaces; bot tokens are encrypted at rest and decrypted on read. */
export interface WorkspaceStore {
  list(limit: number, cursor?: string): Promise<Page<WorkspaceRecord>>;
  get(teamId: string): Promise<WorkspaceRecord | undefined>;
  upsert(teamId: string, input: WorkspaceInput): Promise<{ workspace: WorkspaceRecord; created: boolean }>;
  delete(teamId: string): Promise<boolean>;
}

/** The daily weather alerts: who gets one, and which sends were claimed. */
export interface AlertStore {
  /** Users with an `alerts` setting, by user id (creation order), in one query per page. */
  listSubscriptions(limit: number, cursor?: string): Promise<Page<AlertSubscriptionRecord>>;
  /**
   * Claims the send of `userId`'s alert for `localDate`: the claim when this call took it, undefined
   * when there is no such user; AlreadyClaimedError when it was claimed before (race-safe: of concurrent
   * claims of one pair exactly one succeeds).
   */
  claimSend(userId: string, localDate: string): Promise<AlertSendRecord | undefined>;
}

/**
 * The whole store, with a readiness check and a close that releases connections. Every call but `close`
 * rejects with {@link StoreUnavailableError} while the database cannot be reached.
 */
export interface Store {
  users: UserStore;
  settings: SettingStore;
  workspaces: WorkspaceStore;
  alerts: AlertStore;
  dialect: "sqlite" | "postgres";
  ping(): Promise<void>;
  close(): Promise<void>;
}
