/**
 * The nonces of the install states already used, each remembered until its state expires, so that a
 * state completes one install only. A port: in memory here, Redis (`SET key 1 NX PXAT expiresAtMs`) for
 * several slackbots.
 */
export interface UsedNonces {
  /**
   * Marks `nonce` used until `expiresAtMs` (the state's expiry, ms). Resolves true the first time, false
   * when it was used already (or cannot be remembered: refusing is the safe answer).
   */
  useOnce(nonce: string, expiresAtMs: number): Promise<boolean>;
}
