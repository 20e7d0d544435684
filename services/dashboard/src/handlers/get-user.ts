import type { GetUserHandler } from "@jeeves/generated/handlers/dashboard";
import type { HandlerContext } from "@jeeves/service-kit";
import { callerOf } from "../hooks/session-guard.ts";

/** One user, as the dataservice answers it to the person. */
export const getUser: GetUserHandler<HandlerContext> = async ({ params }, { request, app }) => ({
  status: 200,
  body: await app.dataservice.getUser(callerOf(request), params.userId),
});
