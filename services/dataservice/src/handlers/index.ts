import type { DataserviceHandlers } from "@jeeves/generated/handlers/dataservice";
import { getMetrics, type HandlerContext } from "@jeeves/service-kit";
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
import { checkPerson } from "./person-gate.ts";
import { setLocation } from "./set-location.ts";
import { setSetting } from "./set-setting.ts";
import { withStoreErrors } from "./store-errors.ts";
import { updateUser } from "./update-user.ts";
import { verifyPassword } from "./verify-password.ts";

type Handlers = DataserviceHandlers<HandlerContext>;
type Input = { params?: unknown; body?: unknown };

/**
 * `table` with every handler run after the person rules (person-gate.ts: a person's token is checked
 * against the person's own user first) and through withStoreErrors (the store's errors mapped in one
 * place, those of the person's lookup too).
 */
function withPersonRulesAndStoreErrors(table: Handlers): Handlers {
  const mapped: Record<string, unknown> = {};
  for (const [operationId, handler] of Object.entries(table) as [
    keyof Handlers,
    (input: Input, context: HandlerContext) => Promise<unknown>,
  ][]) {
    mapped[operationId] = (input: Input, context: HandlerContext) =>
      withStoreErrors(async () => {
        await checkPerson(context.app.store, context.request, operationId, input);
        return handler(input, context);
      });
  }
  return mapped as Handlers;
}

/**
 * The dataservice's handler table; the compiler checks it has every operation of the spec, typed. A
 * person's token meets the person rules before any handler runs; the store's errors (a conflict, a
 * stale version, a bad cursor, a database that cannot be reached) become coded errors for every
 * operation alike (store-errors.ts).
 */
export const handlers: Handlers = withPersonRulesAndStoreErrors({
  getHealth,
  getMetrics,
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
