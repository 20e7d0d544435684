import { randomUUID } from "node:crypto";
import { type CryptoKey, jwtVerify, SignJWT } from "jose";
import { SIGNING_ALGS, type SigningAlg } from "./signing-alg.ts";

/** The JOSE `typ` of the access tokens (RFC 9068). */
export const ACCESS_TOKEN_TYP = "at+jwt";

/**
 * The claims of a TokenDealer access token. `sub` is the client, or for a person's token (token
 * exchange) the person's user id, with `act` naming the client that acts for them (RFC 8693 §4.1).
 */
export interface AccessTokenClaims {
  iss: string;
  sub: string;
  aud: string;
  client_id: string;
  scope: string;
  iat: number;
  exp: number;
  jti: string;
  act?: { sub: string };
}

/** A private key that signs, with its id and algorithm. */
export interface SigningKey {
  kid: string;
  alg: SigningAlg;
  privateKey: CryptoKey;
}

/** A published public key that verifies. */
export interface VerificationKey {
  kid: string;
  alg: SigningAlg;
  publicKey: CryptoKey;
}

/** What a token is issued for. */
export interface TokenRequest {
  issuer: string;
  clientId: string;
  audience: string;
  scopes: string[];
  ttlSeconds: number;
  /** The person (a user id) a token exchange speaks for: the `sub`, with `act: {sub: clientId}`. */
  subject?: string;
  /** Seconds since the epoch; default now. */
  now?: number;
}

/**
 * Signs an access token: header alg, kid, typ at+jwt; claims iss, sub, client_id, aud, scope, iat, exp,
 * jti, and for a person's token `act` (the `sub` is then the person).
 */
export async function signAccessToken(
  key: SigningKey,
  request: TokenRequest,
): Promise<{ token: string; claims: AccessTokenClaims }> {
  const iat = request.now ?? Math.floor(Date.now() / 1000);
  const claims: AccessTokenClaims = {
    iss: request.issuer,
    sub: request.subject ?? request.clientId,
    aud: request.audience,
    client_id: request.clientId,
    scope: request.scopes.join(" "),
    iat,
    exp: iat + request.ttlSeconds,
    jti: randomUUID(),
  };
  if (request.subject !== undefined) claims.act = { sub: request.clientId };
  const token = await new SignJWT({ ...claims })
    .setProtectedHeader({ alg: key.alg, kid: key.kid, typ: ACCESS_TOKEN_TYP })
    .sign(key.privateKey);
  return { token, claims };
}

function isClaims(payload: Record<string, unknown>): payload is Record<string, unknown> & AccessTokenClaims {
  const strings = ["iss", "sub", "aud", "client_id", "scope", "jti"].every((name) => typeof payload[name] === "string");
  const act = payload.act as { sub?: unknown } | undefined;
  const actOk = act === undefined || (typeof act === "object" && act !== null && typeof act.sub === "string");
  return strings && actOk && Number.isInteger(payload.iat) && Number.isInteger(payload.exp);
}

/**
 * Verifies an access token against the published keys (`keyFor` answers undefined for an unknown or
 * retired kid): signature, algorithm of that key, typ, issuer and expiry. Answers its claims, or
 * undefined for any token that does not pass.
 */
export async function verifyAccessToken(
  token: string,
  options: { issuer: string; keyFor: (kid: string) => VerificationKey | undefined; now?: Date },
): Promise<AccessTokenClaims | undefined> {
  try {
    const { payload } = await jwtVerify(
      token,
      (header) => {
        const key = header.kid === undefined ? undefined : options.keyFor(header.kid);
        if (!key || key.alg !== header.alg) throw new Error("no published key for this token");
        return key.publicKey;
      },
      {
        issuer: options.issuer,
        typ: ACCESS_TOKEN_TYP,
        algorithms: [...SIGNING_ALGS],
        currentDate: options.now,
      },
    );
    if (!isClaims(payload)) return undefined;
    const { iss, sub, aud, client_id, scope, iat, exp, jti, act } = payload;
    const claims: AccessTokenClaims = { iss, sub, aud, client_id, scope, iat, exp, jti };
    if (act !== undefined) claims.act = { sub: act.sub };
    return claims;
  } catch {
    return undefined;
  }
}
