import type { GetLocationHandler } from "@jeeves/generated/handlers/dataservice";
import type { HandlerContext } from "@jeeves/service-kit";
import { ERR } from "../errors.ts";
import { loadUser } from "./load-user.ts";

/** The user's saved location. */
export const getLocation: GetLocationHandler<HandlerContext> = async ({ params }, { app }) => {
  const user = await loadUser(app.store, params.userId);
  if (!user.location) throw ERR.LOCATION_NOT_FOUND({ detail: "the user has saved no location" });
  return { status: 200, body: user.location };
};
