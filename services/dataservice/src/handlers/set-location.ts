import type { SetLocationHandler } from "@jeeves/generated/handlers/dataservice";
import type { HandlerContext } from "@jeeves/service-kit";
import { ERR } from "../errors.ts";

/** Saves the user's location. */
export const setLocation: SetLocationHandler<HandlerContext> = async ({ params, body }, { app }) => {
  const location = await app.store.users.setLocation(params.userId, body);
  if (!location) throw ERR.USER_NOT_FOUND({ detail: `no user ${params.userId}` });
  return { status: 200, body: location };
};
