/**
 * Tokens the TokenDealer issues for a person (token exchange, RFC 8693: the dashboard's client acts for
 * the user id), so that the dataservice itself decides what that person may do. `createTokenExchange`
 * of `@jeeves/client-kit` is one; tests use fakes.
 */
export interface PersonTokens {
  /** A token for the person with this user id (kept until shortly before it expires). */
  token(userId: string): Promise<string>;
  /** Forgets the person's token (only if it is still `token`, when given): after a 401, or a logout. */
  invalidate(userId: string, token?: string): void;
}

/** The dashboard's own token for one service (client credentials): `createTokenProvider` of `@jeeves/client-kit`. */
export interface ServiceToken {
  token(): Promise<string>;
  invalidate(token?: string): void;
}
