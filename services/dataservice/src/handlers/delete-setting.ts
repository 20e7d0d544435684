import type { DeleteSettingHandler } from "@jeeves/generated/handlers/dataservice";
import type { HandlerContext } from "@jeeves/service-kit";
import { ERR } from "../errors.ts";
import { loadUser } from "./load-user.ts";

/** Removes a setting. */
export const deleteSetting: DeleteSettingHandler<HandlerContext> = async ({ params }, { app }) => {
  if (await app.store.settings.delete(params.userId, params.key)) return { status: 204 };
  await loadUser(app.store, params.userId);
  throw ERR.SETTING_NOT_FOUND({ detail: `no setting ${params.key}` });
};
