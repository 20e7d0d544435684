import { defineErrors } from "@jeeves/service-kit";

/**
 * The dashboard's coded errors (`DASHBOARD_ERR_*`), mapped to problems by the kit's handler. An error of
 * a service the dashboard calls (a 400 of the dataservice with its field errors, its 403
 * `DATASERVICE_ERR_ADMIN_REQUIRED`) is passed on with that service's own code, not one of these.
 */
export const ERR = defineErrors("DASHBOARD", {
  /** No session cookie, or its session has ended or expired. */
  NOT_LOGGED_IN: { status: 401, title: "Unauthorized" },
  /** A state-changing call without the session's CSRF token in `X-CSRF-Token`. */
  CSRF: { status: 403, title: "Forbidden" },
  /** The email or the password is wrong (which one is not said). */
  BAD_CREDENTIALS: { status: 401, title: "Unauthorized" },
  /** Too many failed logins from this address for this email. */
  TOO_MANY_LOGINS: { status: 429, title: "Too Many Requests" },
  /** A change of one's own password without one's present password, or with a wrong one. */
  CURRENT_PASSWORD: { status: 400, title: "Bad Request" },
  /** A value the setting does not take (`units`, `timezone`, `alerts`). */
  INVALID_SETTING: { status: 400, title: "Bad Request" },
  /** A service the dashboard calls answered something it cannot use (a 5xx, a refused token, a broken body). */
  UPSTREAM: { status: 502, title: "Bad Gateway" },
  /** A service the dashboard calls cannot be reached, timed out, or said it is unavailable. */
  UPSTREAM_UNAVAILABLE: { status: 503, title: "Service Unavailable" },
  /** Jeeves did not answer the chat message in time. */
  NO_REPLY: { status: 504, title: "Gateway Timeout" },
  /** The sessions cannot be read or written (Redis is down). */
  SESSIONS_UNAVAILABLE: { status: 503, title: "Service Unavailable" },
  /** The page has not been built (`npm run build`). */
  PAGE_NOT_BUILT: { status: 503, title: "Service Unavailable" },
});
