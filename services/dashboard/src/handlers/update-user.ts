import type { UpdateUserHandler } from "@jeeves/generated/handlers/dashboard";
import type { HandlerContext } from "@jeeves/service-kit";
import { ERR } from "../errors.ts";
import { callerOf } from "../hooks/session-guard.ts";

const FIELD = "/body/current_password";

/**
 * Changes a user; the dataservice decides which fields the person may change. A change of the person's
 * own password needs their present one (`current_password`, checked with the dataservice like a login:
 * 400 `DASHBOARD_ERR_CURRENT_PASSWORD` when it is missing or wrong); that field is never passed on.
 */
export const updateUser: UpdateUserHandler<HandlerContext> = async ({ params, body }, { request, app }) => {
  const caller = callerOf(request);
  const { current_password: present, ...change } = body;
  if (change.password !== undefined && params.userId === caller.userId) {
    const refuse = (message: string) =>
      ERR.CURRENT_PASSWORD({ detail: `${FIELD} ${message}`, errors: [{ field: FIELD, message }] });
    if (present === undefined) throw refuse("is needed to change your own password");
    const self = await app.dataservice.getUser(caller, caller.userId);
    const checked = self.email ? await app.dataservice.verifyPassword(caller.log, self.email, present) : undefined;
    if (checked?.id !== caller.userId) throw refuse("is not your present password");
  }
  return { status: 200, body: await app.dataservice.updateUser(caller, params.userId, change) };
};
