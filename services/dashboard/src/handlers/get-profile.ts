import type { GetProfileHandler } from "@jeeves/generated/handlers/dashboard";
import type { HandlerContext } from "@jeeves/service-kit";
import { callerOf } from "../hooks/session-guard.ts";

/** The person, their saved location (absent when there is none) and their settings, asked at once. */
export const getProfile: GetProfileHandler<HandlerContext> = async (_request, { request, app }) => {
  const caller = callerOf(request);
  const [user, location, settings] = await Promise.all([
    app.dataservice.getUser(caller, caller.userId),
    app.dataservice.getLocation(caller),
    app.dataservice.listSettings(caller),
  ]);
  return { status: 200, body: { user, ...(location ? { location } : {}), settings } };
};
