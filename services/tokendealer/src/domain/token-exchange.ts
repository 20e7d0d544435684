import type { Grant, GrantableClient, GrantRefusal } from "./grant.ts";

/** The token exchange grant (RFC 8693 §2.1). */
export const TOKEN_EXCHANGE = "urn:ietf:params:oauth:grant-type:token-exchange";

/** The subject token type of a person: the `subject_token` is the person's user id at the dataservice. */
export const USER_ID_TOKEN_TYPE = "urn:jeeves:params:oauth:token-type:user-id";

/** The type of the token a token exchange issues (RFC 8693 §3): an access token. */
export const ACCESS_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:access_token";

// A user id: a UUID in its canonical form, any version, either case.
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The form fields of a token exchange (the grant type aside). */
export interface ExchangeRequest {
  scope?: string;
  audience?: string;
  subject_token?: string;
  subject_token_type?: string;
  requested_token_type?: string;
  actor_token?: unknown;
}

const refuse = (error: GrantRefusal["error"], description: string): GrantRefusal => ({
  ok: false,
  error,
  description,
});

/**
 * Decides a token exchange of an authenticated client for a person: only a client with person scopes
 * may ask (else unauthorized_client); the subject is a user id of type {@link USER_ID_TOKEN_TYPE} (else
 * invalid_request; no actor token, the client is the actor); the audience defaults to the only one it
 * has person scopes for and must be one of them (else invalid_target); the scopes default to all its
 * person scopes for that audience and must be among them (else invalid_scope). The client vouches for
 * the person: the TokenDealer does not know users, the service the token is for checks the person.
 */
export function decideExchange(client: GrantableClient, request: ExchangeRequest): Grant | GrantRefusal {
  const personScopes = client.personScopes ?? {};
  const audiences = Object.keys(personScopes);
  if (audiences.length === 0) return refuse("unauthorized_client", "this client may not ask for a person's token");
  if (!request.subject_token) return refuse("invalid_request", "subject_token is required: the person's user id");
  if (!UUID.test(request.subject_token)) {
    return refuse("invalid_request", "subject_token must be a user id (a UUID)");
  }
  if (request.subject_token_type !== USER_ID_TOKEN_TYPE) {
    return refuse("invalid_request", `subject_token_type must be ${USER_ID_TOKEN_TYPE}`);
  }
  if (request.actor_token !== undefined) {
    return refuse("invalid_request", "actor_token is not taken: the authenticated client is the actor");
  }
  if (request.requested_token_type !== undefined && request.requested_token_type !== ACCESS_TOKEN_TYPE) {
    return refuse("invalid_request", `requested_token_type must be ${ACCESS_TOKEN_TYPE}`);
  }
  let audience = request.audience;
  if (!audience) {
    if (audiences.length !== 1)
      return refuse("invalid_request", `audience is required: one of ${audiences.join(", ")}`);
    audience = audiences[0];
  }
  const allowed = Object.hasOwn(personScopes, audience) ? personScopes[audience] : undefined;
  if (!allowed) return refuse("invalid_target", `this client may not ask for a person's token for ${audience}`);
  const requested = (request.scope ?? "").split(" ").filter((scope) => scope !== "");
  const refused = requested.filter((scope) => !allowed.includes(scope));
  if (refused.length > 0) {
    return refuse("invalid_scope", `scope not allowed for a person's token of this client: ${refused.join(" ")}`);
  }
  const scopes = requested.length > 0 ? [...new Set(requested)] : [...allowed];
  return { ok: true, scopes, audience, subject: request.subject_token.toLowerCase() };
}
