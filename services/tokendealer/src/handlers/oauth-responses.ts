import type { components } from "@jeeves/generated/openapi/tokendealer";

/** An RFC 6749 §5.2 error body. */
export type OAuthError = components["schemas"]["OAuthError"];

/** The challenge sent with every invalid_client answer. */
export const BASIC_CHALLENGE = 'Basic realm="jeeves", charset="UTF-8"';

/** Token and introspection answers are never cached (RFC 6749 §5.1). */
export const NO_STORE: Readonly<Record<string, string>> = { "cache-control": "no-store", pragma: "no-cache" };

/** A 400 OAuth error answer. */
export interface OAuthBadRequest {
  status: 400;
  body: OAuthError;
  headers: Record<string, string>;
}

/** The 401 invalid_client answer. */
export interface OAuthUnauthorized {
  status: 401;
  body: OAuthError;
  headers: Record<string, string>;
}

/** A 400 answer with an RFC 6749 §5.2 (or RFC 8707) error code and a description. */
export function oauthBadRequest(
  error: Exclude<OAuthError["error"], "invalid_client">,
  description: string,
): OAuthBadRequest {
  return { status: 400, body: { error, error_description: description }, headers: { ...NO_STORE } };
}

/**
 * The one 401 invalid_client answer, with its Basic challenge: the same for an unknown client, a wrong
 * secret and missing credentials, so it does not tell which.
 */
export function invalidClient(): OAuthUnauthorized {
  return {
    status: 401,
    body: { error: "invalid_client", error_description: "client authentication failed" },
    headers: { ...NO_STORE, "www-authenticate": BASIC_CHALLENGE },
  };
}
