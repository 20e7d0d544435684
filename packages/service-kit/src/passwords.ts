/**
 * Password hashing with scrypt (memory-hard), encoded as
 * `scrypt$<N>$<r>$<p>$<salt b64url>$<hash b64url>` so the parameters can change later.
 */
import { randomBytes, type ScryptOptions, scrypt, timingSafeEqual } from "node:crypto";
import { createConcurrencyLimit } from "./concurrency-limit.ts";
import { KIT_ERR } from "./errors.ts";

const N = 16384;
const R = 8;
const P = 1;
const SALT_BYTES = 16;
const KEY_BYTES = 32;
const B64URL = /^[A-Za-z0-9_-]+$/;
const DUMMY_SALT = randomBytes(SALT_BYTES);

/** A key derivation with scrypt's signature: `scrypt` itself, or a fake in tests. */
export type DeriveKey = (password: string, salt: Buffer, keylen: number, options: ScryptOptions) => Promise<Buffer>;

function scryptKey(password: string, salt: Buffer, keylen: number, options: ScryptOptions): Promise<Buffer> {
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

/** Hashes and verifies passwords, a few at a time. */
export interface PasswordHasher {
  /** Hashes a password with a fresh random salt. */
  hash(password: string): Promise<string>;
  /**
   * Whether `password` matches `stored`. Without a (well-formed) stored hash it still runs one scrypt on
   * a dummy and returns false, so the time taken does not tell whether the user exists.
   */
  verify(password: string, stored?: string): Promise<boolean>;
}

/** Options of {@link createPasswordHasher}. */
export interface PasswordHasherOptions {
  /** Hashes computed at once (each takes 16 MiB and a core for tens of ms). Default 2. */
  concurrency?: number;
  /** Hashes waiting for a turn; beyond them a hash fails fast with SERVICE_ERR_OVERLOADED (503). Default 16. */
  queue?: number;
  /** `Retry-After` of that 503, in seconds. Default 1. */
  retryAfterSeconds?: number;
  /** The key derivation; default scrypt. */
  derive?: DeriveKey;
}

/**
 * A password hasher that runs at most `concurrency` scrypt computations at once and lets `queue` more
 * wait: a flood of logins or wrong client secrets cannot queue work without bound, and the requests
 * beyond the queue are refused at once with a 503 `SERVICE_ERR_OVERLOADED` and `Retry-After`.
 */
export function createPasswordHasher(options: PasswordHasherOptions = {}): PasswordHasher {
  const derive = options.derive ?? scryptKey;
  const retryAfter = String(options.retryAfterSeconds ?? 1);
  const limit = createConcurrencyLimit({
    concurrency: options.concurrency ?? 2,
    queue: options.queue ?? 16,
    refuse: () =>
      KIT_ERR.OVERLOADED({ detail: "too many password checks at once", headers: { "retry-after": retryAfter } }),
  });
  const bounded = (password: string, salt: Buffer, keylen: number, scryptOptions: ScryptOptions) =>
    limit.run(() => derive(password, salt, keylen, scryptOptions));
  return {
    async hash(password) {
      const salt = randomBytes(SALT_BYTES);
      const hash = await bounded(password, salt, KEY_BYTES, { N, r: R, p: P });
      return `scrypt$${N}$${R}$${P}$${salt.toString("base64url")}$${hash.toString("base64url")}`;
    },
    async verify(password, stored) {
      const parsed = stored === undefined ? undefined : parse(stored);
      if (!parsed) {
        await bounded(password, DUMMY_SALT, KEY_BYTES, { N, r: R, p: P });
        return false;
      }
      const actual = await bounded(password, parsed.salt, parsed.hash.length, {
        N: parsed.n,
        r: parsed.r,
        p: parsed.p,
      });
      return actual.length === parsed.hash.length && timingSafeEqual(actual, parsed.hash);
    },
  };
}

/** The process's shared hasher (2 at once, 16 waiting), behind `hashPassword` and `verifyPassword`. */
export const defaultPasswordHasher: PasswordHasher = createPasswordHasher();

/** Hashes a password with a fresh random salt (through {@link defaultPasswordHasher}). */
export function hashPassword(password: string): Promise<string> {
  return defaultPasswordHasher.hash(password);
}

/**
 * Whether `password` matches `stored` (through {@link defaultPasswordHasher}). Without a (well-formed)
 * stored hash it still runs one scrypt on a dummy and returns false, so the time taken does not tell
 * whether the user exists.
 */
export function verifyPassword(password: string, stored?: string): Promise<boolean> {
  return defaultPasswordHasher.verify(password, stored);
}
