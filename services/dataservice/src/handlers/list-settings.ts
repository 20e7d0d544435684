import type { ListSettingsHandler } from "@jeeves/generated/handlers/dataservice";
import type { HandlerContext } from "@jeeves/service-kit";
import { ERR } from "../errors.ts";

/** Every setting of a user, by key. */
export const listSettings: ListSettingsHandler<HandlerContext> = async ({ params }, { app }) => {
  const items = await app.store.settings.list(params.userId);
  if (!items) throw ERR.USER_NOT_FOUND({ detail: `no user ${params.userId}` });
  return { status: 200, body: { items } };
};
