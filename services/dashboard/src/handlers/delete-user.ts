import type { DeleteUserHandler } from "@jeeves/generated/handlers/dashboard";
import type { HandlerContext } from "@jeeves/service-kit";
import { callerOf } from "../hooks/session-guard.ts";

/** Deletes a user with its settings; the dataservice decides whether the person may. */
export const deleteUser: DeleteUserHandler<HandlerContext> = async ({ params }, { request, app }) => {
  await app.dataservice.deleteUser(callerOf(request), params.userId);
  return { status: 204 };
};
