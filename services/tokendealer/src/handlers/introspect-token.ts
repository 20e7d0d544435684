import type { IntrospectTokenHandler } from "@jeeves/generated/handlers/tokendealer";
import type { HandlerContext } from "@jeeves/service-kit";
import { verifyAccessToken } from "../domain/access-token.ts";
import { ADMIN_SCOPE } from "../domain/suite-names.ts";
import { authenticateClient } from "./authenticate-client.ts";
import { NO_STORE, oauthBadRequest } from "./oauth-responses.ts";

/**
 * Token introspection (RFC 7662) for authenticated clients: a token that verifies against a published
 * key, is not expired, was issued here, and was issued to the caller (or the caller holds
 * `users:admin`) is active, with its claims; any other is `{active: false}`, so that a client learns
 * nothing about another's tokens.
 */
export const introspectToken: IntrospectTokenHandler<HandlerContext> = async ({ headers, body }, { app, request }) => {
  await Promise.all([app.clients.refresh(), app.keys.refresh()]);
  const auth = await authenticateClient(app.clients, headers.authorization, body, request.log);
  if (!auth.ok) return auth.response;
  if (!body?.token) return oauthBadRequest("invalid_request", "token is required");
  const claims = await verifyAccessToken(body.token, {
    issuer: app.tokenSettings.issuer,
    keyFor: (kid) => app.keys.verificationKey(kid),
  });
  const visible =
    claims !== undefined && (claims.client_id === auth.client.id || auth.client.scopes.includes(ADMIN_SCOPE));
  request.log.info(
    {
      caller: auth.client.id,
      active: visible,
      jti: visible ? claims.jti : undefined,
      foreign: claims !== undefined && !visible,
    },
    "introspected a token",
  );
  if (!visible) return { status: 200, body: { active: false }, headers: { ...NO_STORE } };
  return { status: 200, body: { active: true, ...claims, token_type: "Bearer" }, headers: { ...NO_STORE } };
};
