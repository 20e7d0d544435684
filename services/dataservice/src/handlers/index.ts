import type { DataserviceHandlers } from "@jeeves/generated/handlers/dataservice";
import type { HandlerContext } from "@jeeves/service-kit";
import { claimAlertSend } from "./claim-alert-send.ts";
import { createUser } from "./create-user.ts";
import { deleteLocation } from "./delete-location.ts";
import { deleteSetting } from "./delete-setting.ts";
import { deleteUser } from "./delete-user.ts";
import { deleteWorkspace } from "./delete-workspace.ts";
import { findOrCreateSlackUser } from "./find-or-create-slack-user.ts";
import { getHealth } from "./get-health.ts";
import { getLocation } from "./get-location.ts";
import { getReady } from "./get-ready.ts";
import { getSetting } from "./get-setting.ts";
import { getUser } from "./get-user.ts";
import { getWorkspace } from "./get-workspace.ts";
import { installWorkspace } from "./install-workspace.ts";
import { listAlertSubscriptions } from "./list-alert-subscriptions.ts";
import { listSettings } from "./list-settings.ts";
import { listUsers } from "./list-users.ts";
import { listWorkspaces } from "./list-workspaces.ts";
import { setLocation } from "./set-location.ts";
import { setSetting } from "./set-setting.ts";
import { withStoreErrors } from "./store-errors.ts";
import { updateUser } from "./update-user.ts";
import { verifyPassword } from "./verify-password.ts";

type Handlers = DataserviceHandlers<HandlerContext>;

/** `table` with every handler run through withStoreErrors: the store's errors are mapped in one place. */
function withStoreErrorMapping(table: Handlers): Handlers {
  const mapped: Record<string, unknown> = {};
  for (const [operationId, handler] of Object.entries(table) as [string, (...args: unknown[]) => Promise<unknown>][]) {
    mapped[operationId] = (...args: unknown[]) => withStoreErrors(() => handler(...args));
  }
  return mapped as Handlers;
}

/**
 * The dataservice's handler table; the compiler checks it has every operation of the spec, typed. The
 * store's errors (a conflict, a stale version, a bad cursor, a database that cannot be reached) become
 * coded errors for every operation alike (store-errors.ts).
 */
export const handlers: Handlers = withStoreErrorMapping({
  getHealth,
  getReady,
  listUsers,
  createUser,
  findOrCreateSlackUser,
  verifyPassword,
  getUser,
  updateUser,
  deleteUser,
  listSettings,
  getSetting,
  setSetting,
  deleteSetting,
  getLocation,
  setLocation,
  deleteLocation,
  listWorkspaces,
  getWorkspace,
  installWorkspace,
  deleteWorkspace,
  listAlertSubscriptions,
  claimAlertSend,
});
