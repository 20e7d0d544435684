/**
 * Secrets at rest (Slack bot tokens): AES-256-GCM with a random 12-byte IV, written as
 * `v1.<iv>.<tag>.<ciphertext>` (each base64url). The tag authenticates, so a changed value or a wrong
 * key makes decryption throw rather than return garbage.
 */
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

const ALGORITHM = "aes-256-gcm";
const IV_BYTES = 12;
const TAG_BYTES = 16;
const PART = /^[A-Za-z0-9_-]*$/;

function checkKey(key: Buffer): void {
  if (key.length !== 32) throw new RangeError("the encryption key must be 32 bytes");
}

/** Encrypts `plaintext` with the 32-byte `key`; each call gives a different string. */
export function encryptSecret(key: Buffer, plaintext: string): string {
  checkKey(key);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv(ALGORITHM, key, iv);
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  const tag = cipher.getAuthTag();
  return ["v1", iv.toString("base64url"), tag.toString("base64url"), ciphertext.toString("base64url")].join(".");
}

/** Decrypts what encryptSecret gave; throws on a malformed value, a wrong key or tampering. */
export function decryptSecret(key: Buffer, text: string): string {
  checkKey(key);
  const parts = text.split(".");
  if (parts.length !== 4 || parts[0] !== "v1" || !parts.slice(1).every((p) => PART.test(p))) {
    throw new Error("malformed secret");
  }
  const iv = Buffer.from(parts[1], "base64url");
  const tag = Buffer.from(parts[2], "base64url");
  if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw new Error("malformed secret");
  const decipher = createDecipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES });
  decipher.setAuthTag(tag);
  const plaintext = Buffer.concat([decipher.update(Buffer.from(parts[3], "base64url")), decipher.final()]);
  return plaintext.toString("utf8");
}
