import type { GetSessionHandler } from "@jeeves/generated/handlers/dashboard";
import type { HandlerContext } from "@jeeves/service-kit";
import { clearedSessionCookie } from "../domain/session-cookie.ts";
import { ERR } from "../errors.ts";
import { callerOf, sessionOf } from "../hooks/session-guard.ts";

/**
 * The logged-in person, fresh from the dataservice, with the session's CSRF token and end. A person the
 * dataservice no longer knows (deleted meanwhile) is logged out: 401, the session ended, the cookie cleared.
 */
export const getSession: GetSessionHandler<HandlerContext> = async (_request, { request, reply, app }) => {
  const session = sessionOf(request);
  let user: Awaited<ReturnType<typeof app.dataservice.getUser>>;
  try {
    user = await app.dataservice.getUser(callerOf(request), session.userId);
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode !== 404) throw error;
    await app.sessions.end(session.id);
    reply.header("set-cookie", clearedSessionCookie(app.sessionCookie.secure));
    throw ERR.NOT_LOGGED_IN({ detail: "this person is not known any more" });
  }
  return {
    status: 200,
    headers: { "cache-control": "no-store" },
    body: { user, csrf_token: session.csrfToken, expires_at: new Date(session.expiresAt).toISOString() },
  };
};
