/**
 * The nonces of the install states already used, each remembered until its state expires, so that a
 * state completes one install only. A port: in memory (adapters/memory-used-nonces.ts, one slackbot) or
 * in Redis (adapters/redis-used-nonces.ts, `SET key 1 NX PX <until expiry>`, shared by several slackbots).
 */
export interface UsedNonces {
  /**
   * Marks `nonce` used until `expiresAtMs` (the state's expiry, ms). Resolves true the first time, false
   * when it was used already (or cannot be remembered: refusing is the safe answer).
   */
  useOnce(nonce: string, expiresAtMs: number): Promise<boolean>;
}
