/** What a client may ask for. */
export interface GrantableClient {
  id: string;
  scopes: string[];
  audiences: string[];
}

/** A granted request: the scopes and the one audience the token is for. */
export interface Grant {
  ok: true;
  scopes: string[];
  audience: string;
}

/** A refused request, as an RFC 6749 §5.2 / RFC 8707 error. */
export interface GrantRefusal {
  ok: false;
  error: "invalid_request" | "unsupported_grant_type" | "invalid_scope" | "invalid_target";
  description: string;
}

/** The grant the TokenDealer supports (RFC 6749 §4.4). */
export const CLIENT_CREDENTIALS = "client_credentials";

/**
 * Decides a client credentials request of an authenticated client: the grant type must be
 * client_credentials; the scopes default to all the client may have and must all be allowed to it; the
 * audience defaults to the client's only one and must be one of its audiences.
 */
export function decideGrant(
  client: GrantableClient,
  request: { grant_type?: string; scope?: string; audience?: string },
): Grant | GrantRefusal {
  if (!request.grant_type) return { ok: false, error: "invalid_request", description: "grant_type is required" };
  if (request.grant_type !== CLIENT_CREDENTIALS) {
    return { ok: false, error: "unsupported_grant_type", description: "only client_credentials is supported" };
  }
  const requested = (request.scope ?? "").split(" ").filter((scope) => scope !== "");
  const refused = requested.filter((scope) => !client.scopes.includes(scope));
  if (refused.length > 0) {
    return {
      ok: false,
      error: "invalid_scope",
      description: `scope not allowed for this client: ${refused.join(" ")}`,
    };
  }
  const scopes = requested.length > 0 ? [...new Set(requested)] : [...client.scopes];
  if (!request.audience) {
    if (client.audiences.length === 1) return { ok: true, scopes, audience: client.audiences[0] };
    return {
      ok: false,
      error: "invalid_request",
      description: `audience is required: one of ${client.audiences.join(", ")}`,
    };
  }
  if (!client.audiences.includes(request.audience)) {
    return {
      ok: false,
      error: "invalid_target",
      description: `audience not allowed for this client: ${request.audience}`,
    };
  }
  return { ok: true, scopes, audience: request.audience };
}
