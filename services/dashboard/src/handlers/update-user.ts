import type { UpdateUserHandler } from "@jeeves/generated/handlers/dashboard";
import type { HandlerContext } from "@jeeves/service-kit";
import { callerOf } from "../hooks/session-guard.ts";

/** Changes a user; the dataservice decides which fields the person may change. */
export const updateUser: UpdateUserHandler<HandlerContext> = async ({ params, body }, { request, app }) => ({
  status: 200,
  body: await app.dataservice.updateUser(callerOf(request), params.userId, body),
});
