import type { JWK } from "jose";
import { ERR } from "../errors.ts";
import type { SigningAlg } from "./signing-alg.ts";

/** A published public key: only public members, with kid, alg and use "sig". */
export type PublicJwk = {
  kty: "RSA" | "EC";
  kid: string;
  alg: SigningAlg;
  use: "sig";
  n?: string;
  e?: string;
  crv?: string;
  x?: string;
  y?: string;
};

/**
 * The public half of a JWK, copied member by member from an allow-list (RSA: n, e; EC: crv, x, y), so a
 * private member (d, p, q, dp, dq, qi, oth) can never be published.
 */
export function publicJwk(jwk: JWK, kid: string, alg: SigningAlg): PublicJwk {
  if (jwk.kty === "RSA") return { kty: "RSA", kid, alg, use: "sig", n: jwk.n, e: jwk.e };
  if (jwk.kty === "EC") return { kty: "EC", kid, alg, use: "sig", crv: jwk.crv, x: jwk.x, y: jwk.y };
  throw ERR.KEYS_FILE_INVALID({ detail: `key ${kid} has the unsupported key type ${String(jwk.kty)}` });
}
