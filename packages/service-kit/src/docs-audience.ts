/** The global the docs page sets to its service's name (see `docs.ts`), read by {@link addDocsAudience}. */
export const DOCS_AUDIENCE_GLOBAL = "jeevesDocsAudience";

/**
 * Swagger UI's `requestInterceptor`, run in the browser (serialized with `toString`, so it uses nothing
 * outside itself): a client-credentials token request that names no audience gets the page's service as
 * its `audience`, so "Authorize" works with a client of several audiences (the TokenDealer asks such a
 * client which one). Every other request passes unchanged.
 */
export function addDocsAudience<R extends { body?: unknown }>(request: R): R {
  const audience = (globalThis as Record<string, unknown>).jeevesDocsAudience;
  if (typeof audience !== "string" || typeof request.body !== "string") return request;
  const fields = request.body.split("&");
  if (!fields.includes("grant_type=client_credentials")) return request;
  for (const field of fields) if (field.startsWith("audience=")) return request;
  request.body = `${request.body}&audience=${encodeURIComponent(audience)}`;
  return request;
}
