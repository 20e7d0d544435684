import type { SetSettingHandler } from "@jeeves/generated/handlers/dataservice";
import type { HandlerContext } from "@jeeves/service-kit";
import { ERR } from "../errors.ts";

/** Sets a setting (created or replaced). */
export const setSetting: SetSettingHandler<HandlerContext> = async ({ params, body }, { app }) => {
  const setting = await app.store.settings.set(params.userId, params.key, body.value);
  if (!setting) throw ERR.USER_NOT_FOUND({ detail: `no user ${params.userId}` });
  return { status: 200, body: setting };
};
