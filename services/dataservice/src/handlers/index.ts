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
import { updateUser } from "./update-user.ts";
import { verifyPassword } from "./verify-password.ts";

/** The dataservice's handler table; the compiler checks it has every operation of the spec, typed. */
export const handlers: DataserviceHandlers<HandlerContext> = {
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
};
