import type { ListUsersHandler } from "@jeeves/generated/handlers/dashboard";
import type { HandlerContext } from "@jeeves/service-kit";
import { callerOf } from "../hooks/session-guard.ts";

/** A page of users, as the dataservice lets the person see them (`q`, `limit` and `cursor` passed on). */
export const listUsers: ListUsersHandler<HandlerContext> = async ({ query }, { request, app }) => ({
  status: 200,
  body: await app.dataservice.listUsers(callerOf(request), { q: query.q, limit: query.limit, cursor: query.cursor }),
});
