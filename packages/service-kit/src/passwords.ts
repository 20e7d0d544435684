/**
 * Password hashing with scrypt (memory-hard), encoded as
 * `scrypt$<N>$<r>$<p>$<salt b64url>$<hash b64url>` so the parameters can change later.
 */
import { randomBytes, type ScryptOptions, scrypt, timingSafeEqual } from "node:crypto";

const N = 16384;
const R = 8;
const P = 1;
const SALT_BYTES = 16;
const KEY_BYTES = 32;
const B64URL = /^[A-Za-z0-9_-]+$/;
const DUMMY_SALT = randomBytes(SALT_BYTES);

function derive(password: string, salt: Buffer, keylen: number, options: ScryptOptions): Promise<Buffer> {
  const maxmem = 256 * (options.N ?? N) * (options.r ?? R) + 1024 * 1024;
  return new Promise((resolve, reject) => {
    scrypt(password.normalize("NFC"), salt, keylen, { ...options, maxmem }, (err, key) =>
      err ? reject(err) : resolve(key),
    );
  });
}

interface Parsed {
  n: number;
  r: number;
  p: number;
  salt: Buffer;
  hash: Buffer;
}

/** Reads a stored hash; undefined when it is malformed or asks for unreasonable parameters. */
function parse(stored: string): Parsed | undefined {
  const parts = stored.split("$");
  if (parts.length !== 6 || parts[0] !== "scrypt") return undefined;
  const [n, r, p] = parts.slice(1, 4).map((x) => (/^[1-9][0-9]{0,7}$/.test(x) ? Number(x) : Number.NaN));
  const powerOfTwo = n > 1 && (n & (n - 1)) === 0;
  if (!powerOfTwo || n > 1 << 20 || !(r >= 1 && r <= 32) || !(p >= 1 && p <= 16)) return undefined;
  if (!B64URL.test(parts[4]) || !B64URL.test(parts[5])) return undefined;
  const salt = Buffer.from(parts[4], "base64url");
  const hash = Buffer.from(parts[5], "base64url");
  if (salt.length < 8 || hash.length < 16 || hash.length > 64) return undefined;
  return { n, r, p, salt, hash };
}

/** Hashes a password with a fresh random salt. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const hash = await derive(password, salt, KEY_BYTES, { N, r: R, p: P });
  return `scrypt$${N}$${R}$${P}$${salt.toString("base64url")}$${hash.toString("base64url")}`;
}

/**
 * Whether `password` matches `stored`. Without a (well-formed) stored hash it still runs one scrypt on a
 * dummy and returns false, so the time taken does not tell whether the user exists.
 */
export async function verifyPassword(password: string, stored?: string): Promise<boolean> {
  const parsed = stored === undefined ? undefined : parse(stored);
  if (!parsed) {
    await derive(password, DUMMY_SALT, KEY_BYTES, { N, r: R, p: P });
    return false;
  }
  const actual = await derive(password, parsed.salt, parsed.hash.length, { N: parsed.n, r: parsed.r, p: parsed.p });
  return timingSafeEqual(actual, parsed.hash);
}
