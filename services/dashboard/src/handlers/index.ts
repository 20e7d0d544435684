import type { DashboardHandlers } from "@jeeves/generated/handlers/dashboard";
import { getMetrics, type HandlerContext } from "@jeeves/service-kit";
import { createUser } from "./create-user.ts";
import { deleteMyLocation } from "./delete-my-location.ts";
import { deleteMySetting } from "./delete-my-setting.ts";
import { deleteUser } from "./delete-user.ts";
import { getHealth } from "./get-health.ts";
import { getProfile } from "./get-profile.ts";
import { getReady } from "./get-ready.ts";
import { getSession } from "./get-session.ts";
import { getUser } from "./get-user.ts";
import { listServices } from "./list-services.ts";
import { listUsers } from "./list-users.ts";
import { listWorkspaces } from "./list-workspaces.ts";
import { logIn } from "./log-in.ts";
import { logOut } from "./log-out.ts";
import { sendChatMessage } from "./send-chat-message.ts";
import { setMyLocation } from "./set-my-location.ts";
import { setMySetting } from "./set-my-setting.ts";
import { updateUser } from "./update-user.ts";

/** The dashboard's handler table; the compiler checks it has every operation of the spec, typed. */
export const handlers: DashboardHandlers<HandlerContext> = {
  getHealth,
  getMetrics,
  getReady,
  getSession,
  logIn,
  logOut,
  listUsers,
  createUser,
  getUser,
  deleteUser,
  updateUser,
  getProfile,
  setMyLocation,
  deleteMyLocation,
  setMySetting,
  deleteMySetting,
  listWorkspaces,
  sendChatMessage,
  listServices,
};
