/** The JWS algorithms the TokenDealer signs with. */
export const SIGNING_ALGS = ["RS256", "ES256", "RS512"] as const;

/** One of the JWS algorithms the TokenDealer signs with. */
export type SigningAlg = (typeof SIGNING_ALGS)[number];

/** Whether a text names a supported signing algorithm. */
export function isSigningAlg(value: unknown): value is SigningAlg {
  return typeof value === "string" && (SIGNING_ALGS as readonly string[]).includes(value);
}
