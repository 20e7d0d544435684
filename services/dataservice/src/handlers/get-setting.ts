import type { GetSettingHandler } from "@jeeves/generated/handlers/dataservice";
import type { HandlerContext } from "@jeeves/service-kit";
import { ERR } from "../errors.ts";
import { loadUser } from "./load-user.ts";

/** One setting; 404 names whether the user or the setting is missing. */
export const getSetting: GetSettingHandler<HandlerContext> = async ({ params }, { app }) => {
  const setting = await app.store.settings.get(params.userId, params.key);
  if (setting) return { status: 200, body: setting };
  await loadUser(app.store, params.userId);
  throw ERR.SETTING_NOT_FOUND({ detail: `no setting ${params.key}` });
};
