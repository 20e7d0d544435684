import type { GetJwksHandler } from "@jeeves/generated/handlers/tokendealer";
import type { HandlerContext } from "@jeeves/service-kit";

/** How long verifiers may cache the key set. */
export const JWKS_CACHE_CONTROL = "public, max-age=300";

/** The published key set (RFC 7517): every key not retired, public members only. */
export const getJwks: GetJwksHandler<HandlerContext> = async (_request, { app }) => {
  await app.keys.refresh();
  return { status: 200, body: app.keys.jwks(), headers: { "cache-control": JWKS_CACHE_CONTROL } };
};
