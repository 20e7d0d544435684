import type { CreateUserHandler } from "@jeeves/generated/handlers/dashboard";
import type { HandlerContext } from "@jeeves/service-kit";
import { callerOf } from "../hooks/session-guard.ts";

/** Creates a user; the dataservice decides whether the person may (admins only: its 403 otherwise). */
export const createUser: CreateUserHandler<HandlerContext> = async ({ body }, { request, app }) => ({
  status: 201,
  body: await app.dataservice.createUser(callerOf(request), body),
});
