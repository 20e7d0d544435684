/**
 * The CSRF defence's page side: the session's token (from GET or POST /api/session) is kept here and
 * an openapi-fetch middleware sends it as `X-CSRF-Token` on every state-changing request (POST, PUT,
 * PATCH, DELETE). DOM-free, so that node:test covers it.
 */
import type { Middleware } from "openapi-fetch";

/** The header the dashboard reads the token from. */
export const CSRF_HEADER = "X-CSRF-Token";

/** Methods that change nothing and so carry no token. */
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS", "TRACE"]);

/** Whether a request with `method` must carry the CSRF token. */
export function needsCsrfToken(method: string): boolean {
  return !SAFE_METHODS.has(method.toUpperCase());
}

/** Where the session's CSRF token is kept between requests. */
export interface CsrfStore {
  get(): string | undefined;
  set(token: string | undefined): void;
}

/** A CSRF token store in memory (the page's lifetime; a reload asks GET /api/session again). */
export function createCsrfStore(): CsrfStore {
  let token: string | undefined;
  return {
    get: () => token,
    set: (next) => {
      token = next || undefined;
    },
  };
}

/** The middleware that sets `X-CSRF-Token` from `store` on every state-changing request. */
export function csrfMiddleware(store: Pick<CsrfStore, "get">): Middleware {
  return {
    onRequest({ request }) {
      if (!needsCsrfToken(request.method)) return undefined;
      const token = store.get();
      if (token) request.headers.set(CSRF_HEADER, token);
      return request;
    },
  };
}
