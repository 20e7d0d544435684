import { SESSION_ID } from "./session.ts";

/** The session cookie's name. */
export const SESSION_COOKIE = "jeeves_session";

/** Most cookies of that name looked at in one request (a page may have been given several by other paths). */
const MOST_CANDIDATES = 4;

/**
 * The session ids in a `Cookie` header: the values of every `jeeves_session` cookie shaped like an id (at
 * most a few), in order. Anything else in the header is ignored.
 */
export function sessionIdsIn(header: string | undefined): string[] {
  if (!header) return [];
  const ids: string[] = [];
  for (const part of header.split(";")) {
    const equals = part.indexOf("=");
    if (equals < 0 || part.slice(0, equals).trim() !== SESSION_COOKIE) continue;
    const value = part.slice(equals + 1).trim();
    if (SESSION_ID.test(value) && !ids.includes(value)) ids.push(value);
    if (ids.length === MOST_CANDIDATES) break;
  }
  return ids;
}

/**
 * Whether the cookie is `Secure`: always, unless the dashboard's public URL is plain http on this
 * machine (`localhost`, `127.0.0.1`, `[::1]`), where browsers have no https to send it over. Without a
 * public URL the dashboard is taken to run on this machine.
 */
export function secureCookie(publicUrl: string | undefined): boolean {
  if (!publicUrl) return false;
  const { protocol, hostname } = new URL(publicUrl);
  if (protocol === "https:") return true;
  return !["localhost", "127.0.0.1", "[::1]"].includes(hostname);
}

/** The `Set-Cookie` of a new session: httpOnly, `SameSite=Lax`, path `/`, for `maxAgeSeconds`. */
export function sessionCookie(id: string, maxAgeSeconds: number, secure: boolean): string {
  return `${SESSION_COOKIE}=${id}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${maxAgeSeconds}${secure ? "; Secure" : ""}`;
}

/** The `Set-Cookie` that clears the session cookie. */
export function clearedSessionCookie(secure: boolean): string {
  return `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0${secure ? "; Secure" : ""}`;
}
