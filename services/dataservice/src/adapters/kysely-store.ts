/**
 * UserStore, SettingStore, WorkspaceStore and AlertStore on Kysely, the same code for SQLite and PostgreSQL
 * (one file each under kysely/). Ids are UUIDv7, so `ORDER BY id` is creation order; lists are
 * keyset-paginated with a cursor that is the base64url of the last item's key. Writes run in
 * transactions; unique violations of either dialect become ConflictError.
 */
export { createAlertStore } from "./kysely/alert-store.ts";
export type { KyselyStoreOptions } from "./kysely/db.ts";
export { createSettingStore } from "./kysely/setting-store.ts";
export { createUserStore } from "./kysely/user-store.ts";
export { createWorkspaceStore } from "./kysely/workspace-store.ts";
