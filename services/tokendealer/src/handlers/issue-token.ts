import type { IssueTokenHandler } from "@jeeves/generated/handlers/tokendealer";
import type { HandlerContext } from "@jeeves/service-kit";
import { signAccessToken } from "../domain/access-token.ts";
import { decideGrant } from "../domain/grant.ts";
import { ACCESS_TOKEN_TYPE } from "../domain/token-exchange.ts";
import { ERR } from "../errors.ts";
import { authenticateClient } from "./authenticate-client.ts";
import { NO_STORE, oauthBadRequest } from "./oauth-responses.ts";

/**
 * Client credentials grant (RFC 6749 §4.4) and token exchange for a person (RFC 8693): authenticates
 * the client, checks the grant type, scopes and audience (and the person), and answers a JWT signed with
 * the current key. OAuth errors are answered, not thrown.
 */
export const issueToken: IssueTokenHandler<HandlerContext> = async ({ headers, body }, { app, request }) => {
  await Promise.all([app.clients.refresh(), app.keys.refresh()]);
  const auth = await authenticateClient(app.clients, headers.authorization, body, request.log);
  if (!auth.ok) return auth.response;
  const grant = decideGrant(auth.client, body ?? {});
  if (!grant.ok) {
    request.log.info({ client_id: auth.client.id, error: grant.error }, grant.description);
    return oauthBadRequest(grant.error, grant.description);
  }
  const key = app.keys.signingKey();
  if (!key) throw ERR.NO_SIGNING_KEY({ detail: "every key is retired", headers: { "retry-after": "5" } });
  const { ttlSeconds, issuer } = app.tokenSettings;
  const { token, claims } = await signAccessToken(key, {
    issuer,
    clientId: auth.client.id,
    audience: grant.audience,
    scopes: grant.scopes,
    ttlSeconds,
    subject: grant.subject,
  });
  // A service's renewal is routine (debug); a token for a person is worth an info line.
  request.log[claims.act ? "info" : "debug"](
    {
      client_id: claims.client_id,
      // A person's token: the user id it speaks for (an id, not a secret).
      sub: claims.act ? claims.sub : undefined,
      aud: claims.aud,
      scope: claims.scope,
      kid: key.kid,
      jti: claims.jti,
    },
    claims.act ? "issued a token for a person" : "issued a token",
  );
  const answer = { access_token: token, token_type: "Bearer" as const, expires_in: ttlSeconds, scope: claims.scope };
  return {
    status: 200,
    body: claims.act ? { ...answer, issued_token_type: ACCESS_TOKEN_TYPE } : answer,
    headers: { ...NO_STORE },
  };
};
