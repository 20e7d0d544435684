import type { Middleware } from "openapi-fetch";
import type { TokenProvider } from "./token-provider.ts";

/**
 * Adds `Authorization: Bearer <token>` to every request; when the service answers 401, forgets the
 * token, gets a new one and sends the request once more (a key rotated, a token revoked).
 */
export function authMiddleware(provider: TokenProvider, send: (request: Request) => Promise<Response>): Middleware {
  const copies = new WeakMap<Request, Request>();
  return {
    async onRequest({ request }) {
      request.headers.set("authorization", `Bearer ${await provider.token()}`);
      // A body is read when sent: keep a copy to send again. A request without one can be sent twice.
      copies.set(request, request.body === null ? request : request.clone());
      return request;
    },
    async onResponse({ request, response }) {
      if (response.status !== 401) return response;
      const copy = copies.get(request);
      if (!copy) return response;
      provider.invalidate(request.headers.get("authorization")?.slice("Bearer ".length));
      copy.headers.set("authorization", `Bearer ${await provider.token()}`);
      return send(copy);
    },
  };
}
