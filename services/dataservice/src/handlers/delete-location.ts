import type { DeleteLocationHandler } from "@jeeves/generated/handlers/dataservice";
import type { HandlerContext } from "@jeeves/service-kit";
import { ERR } from "../errors.ts";
import { loadUser } from "./load-user.ts";

/** Forgets the user's location. */
export const deleteLocation: DeleteLocationHandler<HandlerContext> = async ({ params }, { app }) => {
  if (await app.store.users.deleteLocation(params.userId)) return { status: 204 };
  await loadUser(app.store, params.userId);
  throw ERR.LOCATION_NOT_FOUND({ detail: "the user has saved no location" });
};
