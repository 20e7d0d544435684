import { createRemoteJWKSet, customFetch, errors, type JWTPayload, jwtVerify } from "jose";
import { LRUCache } from "lru-cache";

/** The identity a verified bearer token carries. */
export interface VerifiedToken {
  /**
   * The client the token was issued to: its `client_id` (else `sub`, as tokens without `client_id`
   * name the client there). For a person's token, the client that acts for the person.
   */
  clientId: string;
  /**
   * The person the token speaks for: its `sub` (a user id at the dataservice) when the token carries an
   * `act` claim (token exchange, RFC 8693 §4.1: the client acts for the person); undefined for a
   * service's own token (client credentials).
   */
  person?: string;
  /** The scopes it grants. */
  scopes: Set<string>;
  /** Expiry, in seconds since the epoch. */
  exp: number;
  claims: JWTPayload;
}

/** A token that did not verify; the message says why (and is safe to show to the caller). */
export class InvalidTokenError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "InvalidTokenError";
  }
}

/** Options of a verifier: where the TokenDealer publishes its keys, and what a token must say. */
export interface TokenVerifierOptions {
  /** The TokenDealer's JWKS, e.g. `http://127.0.0.1:3000/.well-known/jwks.json`. */
  jwksUrl: string;
  /** The `iss` tokens must carry (the TokenDealer's URL). */
  issuer: string;
  /** The `aud` tokens must carry: this service's own name. */
  audience: string;
  /** Signature algorithms accepted. Default RS256, RS512, ES256 (never `none` or HMAC). */
  algorithms?: string[];
  /** Seconds of clock skew tolerated on exp/iat/nbf. Default 5. */
  clockToleranceSeconds?: number;
  /** Least time between two JWKS fetches for an unknown `kid`, ms. Default 30 s. */
  cooldownMs?: number;
  /** How long a fetched JWKS is trusted before it is fetched again, ms. Default 10 min: a retired key is refused by then. */
  jwksMaxAgeMs?: number;
  /** Most verified tokens kept in memory. Default 10,000. */
  cacheSize?: number;
  /** The fetch used for the JWKS (tests). */
  fetch?: typeof fetch;
  /** The clock, in ms (tests). */
  now?: () => number;
}

/** Verifies bearer tokens and remembers the verified ones until they expire. */
export interface TokenVerifier {
  verify(token: string): Promise<VerifiedToken>;
  /**
   * The token as verified before, while it has not expired, at once (no promise); undefined when it must
   * go through `verify`. The bearer check of every request asks this first.
   */
  known?(token: string): VerifiedToken | undefined;
}

/**
 * A verifier against the TokenDealer's JWKS (fetched once, cached, and fetched again only when a token
 * names an unknown `kid`, at most once per cooldown). Checks signature, algorithm allow-list, issuer,
 * audience and expiry; a verified token is kept (`lru-cache`, `cacheSize` at most) until it expires, so
 * the hot path skips the signature.
 */
export function createTokenVerifier(options: TokenVerifierOptions): TokenVerifier {
  const jwks = createRemoteJWKSet(new URL(options.jwksUrl), {
    cooldownDuration: options.cooldownMs ?? 30_000,
    cacheMaxAge: options.jwksMaxAgeMs ?? 10 * 60_000,
    ...(options.fetch ? { [customFetch]: options.fetch } : {}),
  });
  const now = options.now ?? Date.now;
  const algorithms = options.algorithms ?? ["RS256", "RS512", "ES256"];
  // Each verified token is kept until its own expiry; past `cacheSize` the least recently used goes.
  const cache = new LRUCache<string, VerifiedToken>({
    max: options.cacheSize ?? 10_000,
    perf: { now },
    ttlResolution: 0,
  });

  return {
    known: (token) => cache.get(token),
    async verify(token) {
      const cached = cache.get(token);
      if (cached) return cached;
      let payload: JWTPayload;
      try {
        ({ payload } = await jwtVerify(token, jwks, {
          issuer: options.issuer,
          audience: options.audience,
          algorithms,
          clockTolerance: options.clockToleranceSeconds ?? 5,
          currentDate: new Date(now()),
          requiredClaims: ["exp", "sub"],
        }));
      } catch (error) {
        throw new InvalidTokenError(describe(error), { cause: error });
      }
      const verified: VerifiedToken = {
        ...identityOf(payload),
        scopes: new Set(typeof payload.scope === "string" ? payload.scope.split(" ").filter(Boolean) : []),
        exp: payload.exp as number,
        claims: payload,
      };
      // A token inside the clock tolerance but past its expiry is verified again on every use.
      const ttl = verified.exp * 1000 - now();
      if (ttl > 0) cache.set(token, verified, { ttl });
      return verified;
    },
  };
}

/**
 * Who a verified payload speaks for: a person's token (with `act`) has the person as `sub` and the acting
 * client as `act.sub` (and `client_id`); any other token is the client's own. An `act` that is not an
 * object with a string `sub` makes the token invalid rather than a service's.
 */
function identityOf(payload: JWTPayload): Pick<VerifiedToken, "clientId" | "person"> {
  const clientId = typeof payload.client_id === "string" ? payload.client_id : undefined;
  if (payload.act === undefined) return { clientId: clientId ?? String(payload.sub) };
  const act = payload.act as { sub?: unknown } | null;
  if (typeof act !== "object" || act === null || typeof act.sub !== "string" || typeof payload.sub !== "string") {
    throw new InvalidTokenError("the token's act claim is not accepted");
  }
  return { clientId: clientId ?? act.sub, person: payload.sub };
}

function describe(error: unknown): string {
  if (error instanceof errors.JWTExpired) return "the token has expired";
  if (error instanceof errors.JWTClaimValidationFailed) return `the token's ${error.claim} claim is not accepted`;
  if (error instanceof errors.JWKSNoMatchingKey) return "the token is signed by a key that is not published";
  if (error instanceof errors.JOSEAlgNotAllowed) return "the token's algorithm is not accepted";
  if (error instanceof errors.JWSSignatureVerificationFailed) return "the token's signature does not verify";
  if (error instanceof errors.JWKSTimeout || error instanceof errors.JOSEError === false) {
    return "the token could not be verified";
  }
  return "the token is not valid";
}
