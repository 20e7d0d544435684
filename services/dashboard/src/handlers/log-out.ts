import type { LogOutHandler } from "@jeeves/generated/handlers/dashboard";
import type { HandlerContext } from "@jeeves/service-kit";
import { clearedSessionCookie } from "../domain/session-cookie.ts";
import { sessionOf } from "../hooks/session-guard.ts";

/** Logs out: the session ends (and the person's cached tokens are forgotten); the cookie is cleared. */
export const logOut: LogOutHandler<HandlerContext> = async (_request, { request, app }) => {
  const session = sessionOf(request);
  await app.sessions.end(session.id);
  app.personTokens.invalidate(session.userId);
  app.chat.forget(session.userId);
  return { status: 204, headers: { "set-cookie": clearedSessionCookie(app.sessionCookie.secure) } };
};
