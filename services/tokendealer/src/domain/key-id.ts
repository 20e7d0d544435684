import { calculateJwkThumbprint, type JWK } from "jose";

/**
 * A key id that sorts by creation day and is unique per key: `2026-11-28-` and the first 12 characters of
 * the key's RFC 7638 thumbprint.
 */
export async function newKeyId(publicKey: JWK, now: Date = new Date()): Promise<string> {
  const thumbprint = await calculateJwkThumbprint(publicKey, "sha256");
  return `${now.toISOString().slice(0, 10)}-${thumbprint.slice(0, 12)}`;
}
