import type { IntrospectTokenHandler } from "@jeeves/generated/handlers/tokendealer";
import type { HandlerContext } from "@jeeves/service-kit";
import { verifyAccessToken } from "../domain/access-token.ts";
import { authenticateClient } from "./authenticate-client.ts";
import { NO_STORE, oauthBadRequest } from "./oauth-responses.ts";

/**
 * Token introspection (RFC 7662) for authenticated clients: a token that verifies against a published
 * key, is not expired and was issued here is active, with its claims; any other is `{active: false}`.
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
  request.log.info({ caller: auth.client.id, active: claims !== undefined, jti: claims?.jti }, "introspected a token");
  if (!claims) return { status: 200, body: { active: false }, headers: { ...NO_STORE } };
  return { status: 200, body: { active: true, ...claims, token_type: "Bearer" }, headers: { ...NO_STORE } };
};
