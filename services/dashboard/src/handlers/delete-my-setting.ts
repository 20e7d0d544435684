import type { DeleteMySettingHandler } from "@jeeves/generated/handlers/dashboard";
import type { HandlerContext } from "@jeeves/service-kit";
import { callerOf } from "../hooks/session-guard.ts";

/** Removes one of the person's settings (back to the default); 204 also when it was not set. */
export const deleteMySetting: DeleteMySettingHandler<HandlerContext> = async ({ params }, { request, app }) => {
  await app.dataservice.deleteSetting(callerOf(request), params.key);
  return { status: 204 };
};
