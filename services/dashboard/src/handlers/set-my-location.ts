import type { SetMyLocationHandler } from "@jeeves/generated/handlers/dashboard";
import type { HandlerContext } from "@jeeves/service-kit";
import { callerOf } from "../hooks/session-guard.ts";

/** Saves the person's location (the place Jeeves answers `weather` for). */
export const setMyLocation: SetMyLocationHandler<HandlerContext> = async ({ body }, { request, app }) => ({
  status: 200,
  body: await app.dataservice.setLocation(callerOf(request), body),
});
