import type { DeleteMyLocationHandler } from "@jeeves/generated/handlers/dashboard";
import type { HandlerContext } from "@jeeves/service-kit";
import { callerOf } from "../hooks/session-guard.ts";

/** Forgets the person's location; 204 also when there was none. */
export const deleteMyLocation: DeleteMyLocationHandler<HandlerContext> = async (_request, { request, app }) => {
  await app.dataservice.deleteLocation(callerOf(request));
  return { status: 204 };
};
