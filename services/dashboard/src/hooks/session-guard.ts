import type { OperationSpec } from "@jeeves/codecs";
import type { FastifyReply, FastifyRequest } from "fastify";
import { type Session, type SessionStore, sameSecret } from "../domain/session.ts";
import { sessionIdsIn } from "../domain/session-cookie.ts";
import { ERR } from "../errors.ts";

declare module "fastify" {
  interface FastifyRequest {
    /** The logged-in person's session, on the operations that need one (see sessionGuard). */
    session?: Session;
  }
}

/** The spec's security schemes: the session cookie, and the CSRF header of state-changing calls. */
export const SESSION_SCHEME = "session";
export const CSRF_SCHEME = "csrf";

/** The CSRF header. */
export const CSRF_HEADER = "x-csrf-token";

/** Whether an operation needs a session, and the CSRF token too, by its spec's `security`. */
export function guardOf(operation: OperationSpec): { session: boolean; csrf: boolean } {
  const requirements = operation.security.filter((requirement) => Object.keys(requirement).length > 0);
  return {
    session: requirements.some((requirement) => SESSION_SCHEME in requirement),
    csrf: requirements.some((requirement) => CSRF_SCHEME in requirement),
  };
}

/** The session of a request's cookie, if any is current (of several `jeeves_session` cookies, the first that is). */
export async function currentSession(request: FastifyRequest, sessions: SessionStore): Promise<Session | undefined> {
  for (const id of sessionIdsIn(request.headers.cookie)) {
    const session = await sessions.find(id);
    if (session) return session;
  }
  return undefined;
}

/**
 * The preParsing hook of an operation the spec guards with the session cookie (and the CSRF header):
 * 401 `DASHBOARD_ERR_NOT_LOGGED_IN` without a current session; 403 `DASHBOARD_ERR_CSRF` when a
 * state-changing call's `X-CSRF-Token` is not the session's (compared in constant time). It runs before
 * the body is read, so nothing of a refused request is parsed. The session is then `request.session`.
 */
export function sessionGuard(operation: OperationSpec, sessions: SessionStore) {
  const guard = guardOf(operation);
  return async (request: FastifyRequest, _reply: FastifyReply, payload: unknown) => {
    if (!guard.session) return payload;
    const session = await currentSession(request, sessions);
    if (!session) throw ERR.NOT_LOGGED_IN({ detail: `${operation.operationId} needs you to be logged in` });
    if (guard.csrf && !sameSecret(request.headers[CSRF_HEADER], session.csrfToken)) {
      throw ERR.CSRF({ detail: "X-CSRF-Token is missing or is not this session's" });
    }
    request.session = session;
    return payload;
  };
}

/** The request's session, which the guard set; 401 if there is none (an operation without a guard). */
export function sessionOf(request: FastifyRequest): Session {
  if (!request.session) throw ERR.NOT_LOGGED_IN({ detail: "you are not logged in" });
  return request.session;
}

/** Who a handler calls the dataservice for: the session's person, with the request's logger. */
export function callerOf(request: FastifyRequest): { userId: string; log: FastifyRequest["log"] } {
  return { userId: sessionOf(request).userId, log: request.log };
}
