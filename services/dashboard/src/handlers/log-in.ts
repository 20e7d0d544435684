import type { LogInHandler } from "@jeeves/generated/handlers/dashboard";
import { type HandlerContext, requestIp } from "@jeeves/service-kit";
import { loginKey } from "../domain/login-failures.ts";
import { sessionCookie } from "../domain/session-cookie.ts";
import { ERR } from "../errors.ts";
import { currentSession } from "../hooks/session-guard.ts";

/**
 * Logs in: the dataservice checks email and password (with the dashboard's own token); right, a new
 * session starts (a session the browser still had ends: no fixation) and its cookie is set; wrong, 401
 * `DASHBOARD_ERR_BAD_CREDENTIALS`, counted per address and email: past the limit, 429
 * `DASHBOARD_ERR_TOO_MANY_LOGINS` with `Retry-After` until the minute is over. The password is never
 * logged (the kit redacts fields named so), nor the session id or CSRF token.
 */
export const logIn: LogInHandler<HandlerContext> = async ({ body }, { request, app }) => {
  const key = loginKey(requestIp(request), body.email);
  const wait = await app.loginFailures.blockedFor(key);
  if (wait > 0) {
    throw ERR.TOO_MANY_LOGINS({
      detail: `too many failed logins; retry in ${wait} s`,
      headers: { "retry-after": String(wait) },
    });
  }
  const user = await app.dataservice.verifyPassword(request.log, body.email, body.password);
  if (!user) {
    await app.loginFailures.record(key);
    throw ERR.BAD_CREDENTIALS({ detail: "the email or the password is wrong" });
  }
  await app.loginFailures.clear(key);
  const previous = await currentSession(request, app.sessions);
  if (previous) await app.sessions.end(previous.id);
  const session = await app.sessions.create(user.id);
  request.log.info({ user_id: user.id }, "logged in");
  return {
    status: 200,
    headers: {
      "set-cookie": sessionCookie(session.id, app.sessionCookie.maxAgeSeconds, app.sessionCookie.secure),
      "cache-control": "no-store",
    },
    body: { user, csrf_token: session.csrfToken, expires_at: new Date(session.expiresAt).toISOString() },
  };
};
