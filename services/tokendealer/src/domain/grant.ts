import { decideExchange, type ExchangeRequest, TOKEN_EXCHANGE } from "./token-exchange.ts";

/** What a client may ask for: for itself, and (with person scopes, by audience) for people. */
export interface GrantableClient {
  id: string;
  scopes: string[];
  audiences: string[];
  personScopes?: Record<string, string[]>;
}

/**
 * A granted request: the scopes and the one audience the token is for, and for a token exchange the
 * person (`subject`, a user id) it speaks for.
 */
export interface Grant {
  ok: true;
  scopes: string[];
  audience: string;
  subject?: string;
}

/** A refused request, as an RFC 6749 §5.2 / RFC 8707 / RFC 8693 error. */
export interface GrantRefusal {
  ok: false;
  error: "invalid_request" | "unauthorized_client" | "unsupported_grant_type" | "invalid_scope" | "invalid_target";
  description: string;
}

/** The client credentials grant (RFC 6749 §4.4). */
export const CLIENT_CREDENTIALS = "client_credentials";

/** The grants the TokenDealer supports, as its metadata lists them. */
export const GRANT_TYPES: readonly string[] = [CLIENT_CREDENTIALS, TOKEN_EXCHANGE];

/**
 * Decides a token request of an authenticated client. Client credentials: the scopes default to all
 * the client may have and must all be allowed to it; the audience defaults to the client's only one and
 * must be one of its audiences. Token exchange: see `decideExchange`. Any other grant type is
 * unsupported_grant_type.
 */
export function decideGrant(
  client: GrantableClient,
  request: { grant_type?: string; scope?: string; audience?: string } & ExchangeRequest,
): Grant | GrantRefusal {
  if (!request.grant_type) return { ok: false, error: "invalid_request", description: "grant_type is required" };
  if (request.grant_type === TOKEN_EXCHANGE) return decideExchange(client, request);
  if (request.grant_type !== CLIENT_CREDENTIALS) {
    return {
      ok: false,
      error: "unsupported_grant_type",
      description: `only ${CLIENT_CREDENTIALS} and ${TOKEN_EXCHANGE} are supported`,
    };
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
