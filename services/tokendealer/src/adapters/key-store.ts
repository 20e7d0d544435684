import { readFile } from "node:fs/promises";
import { type CryptoKey, exportJWK, generateKeyPair, importJWK, type JWK } from "jose";
import type { SigningKey, VerificationKey } from "../domain/access-token.ts";
import { newKeyId } from "../domain/key-id.ts";
import { type PublicJwk, publicJwk } from "../domain/public-jwk.ts";
import { isSigningAlg, type SigningAlg } from "../domain/signing-alg.ts";
import { ERR } from "../errors.ts";
import { fileStamp, writeFileAtomic } from "./atomic-file.ts";
import { type Log, SILENT_LOG } from "./log.ts";

/** One key as the key file stores it (the private JWK: keep the file mode 600). */
export interface StoredKey {
  kid: string;
  alg: SigningAlg;
  private_jwk: JWK;
  created_at: string;
  retired_at?: string;
}

/** A key as `list()` shows it: no key material. */
export interface KeySummary {
  kid: string;
  alg: SigningAlg;
  created_at: string;
  retired_at?: string;
  /** Whether this is the key that signs new tokens. */
  signing: boolean;
}

interface ActiveKey {
  stored: StoredKey;
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  jwk: PublicJwk;
}

function invalid(file: string, detail: string) {
  return ERR.KEYS_FILE_INVALID({ detail: `${file}: ${detail}` });
}

/** Checks the key file's shape; messages name the key, never its material (not even a JSON excerpt). */
function parseKeyFile(text: string, file: string): StoredKey[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw invalid(file, "is not JSON");
  }
  const keys = (data as { keys?: unknown } | null)?.keys;
  if (!Array.isArray(keys)) throw invalid(file, "has no keys array");
  const seen = new Set<string>();
  return keys.map((key: Partial<StoredKey> | null, at) => {
    const name = typeof key?.kid === "string" && key.kid !== "" ? key.kid : `#${at}`;
    if (name.startsWith("#") || seen.has(name)) throw invalid(file, `key ${name} has a missing or repeated kid`);
    seen.add(name);
    if (!isSigningAlg(key?.alg)) throw invalid(file, `key ${name} has an unsupported alg`);
    const jwk = key?.private_jwk;
    if (!jwk || typeof jwk !== "object" || typeof jwk.d !== "string") {
      throw invalid(file, `key ${name} has no private JWK`);
    }
    if ((key.alg === "ES256" ? "EC" : "RSA") !== jwk.kty) throw invalid(file, `key ${name} does not match its alg`);
    if (typeof key.created_at !== "string") throw invalid(file, `key ${name} has no created_at`);
    if (key.retired_at !== undefined && typeof key.retired_at !== "string") {
      throw invalid(file, `key ${name} has a retired_at that is not a date`);
    }
    return key as StoredKey;
  });
}

async function activate(stored: StoredKey, file: string): Promise<ActiveKey> {
  try {
    const jwk = publicJwk(stored.private_jwk, stored.kid, stored.alg);
    const privateKey = (await importJWK(stored.private_jwk, stored.alg, { extractable: false })) as CryptoKey;
    const publicKey = (await importJWK({ ...jwk }, stored.alg)) as CryptoKey;
    return { stored, privateKey, publicKey, jwk };
  } catch (error) {
    throw ERR.KEYS_FILE_INVALID({ detail: `${file}: key ${stored.kid} does not import`, cause: error });
  }
}

/**
 * The TokenDealer's signing keys, kept in a JSON file (mode 600, written atomically). The newest key that
 * is not retired signs; every key that is not retired is published. The object is shared by the app and
 * its callers (the test helper): `rotate` and `retire` take effect at once; changes another process (the
 * CLI) makes to the file are picked up by `refresh`, which the handlers call.
 */
export class KeyStore {
  private stored: StoredKey[] = [];
  private active: ActiveKey[] = [];
  private stamp: string | undefined;
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(
    /** The key file. */
    readonly file: string,
    /** The algorithm of new keys when `rotate` is not given one. */
    readonly defaultAlg: SigningAlg,
    private readonly log: Log,
  ) {}

  /** The key that signs new tokens: the newest one not retired. */
  signingKey(): SigningKey | undefined {
    const key = this.active.at(-1);
    return key && { kid: key.stored.kid, alg: key.stored.alg, privateKey: key.privateKey };
  }

  /** The public key of a published (not retired) kid. */
  verificationKey(kid: string): VerificationKey | undefined {
    const key = this.active.find((candidate) => candidate.stored.kid === kid);
    return key && { kid, alg: key.stored.alg, publicKey: key.publicKey };
  }

  /** The published key set (RFC 7517): public members only, newest last. */
  jwks(): { keys: PublicJwk[] } {
    return { keys: this.active.map((key) => ({ ...key.jwk })) };
  }

  /** Every key of the file, retired ones too, without key material. */
  list(): KeySummary[] {
    const signing = this.signingKey()?.kid;
    return this.stored.map(({ kid, alg, created_at, retired_at }) => ({
      kid,
      alg,
      created_at,
      ...(retired_at ? { retired_at } : {}),
      signing: kid === signing,
    }));
  }

  /**
   * Adds a new signing key (of `alg`, default the store's) and answers its kid. Older keys stay
   * published, so the tokens they signed stay valid until they expire.
   */
  rotate(alg: string = this.defaultAlg): Promise<string> {
    if (!isSigningAlg(alg)) {
      return Promise.reject(ERR.UNSUPPORTED_ALG({ detail: `${alg} is not one of RS256, ES256, RS512` }));
    }
    return this.serial(async () => {
      await this.reloadIfChanged();
      return this.addKey(alg);
    });
  }

  /**
   * Retires a key: it is no longer published, so verifiers refuse the tokens it signed. Refuses an
   * unknown or already retired kid, and the only key that signs.
   */
  retire(kid: string): Promise<void> {
    return this.serial(async () => {
      await this.reloadIfChanged();
      const key = this.stored.find((candidate) => candidate.kid === kid);
      if (!key) throw ERR.UNKNOWN_KEY({ detail: `no key ${kid}` });
      if (key.retired_at) throw ERR.KEY_ALREADY_RETIRED({ detail: `key ${kid} was retired at ${key.retired_at}` });
      if (this.active.length === 1) {
        throw ERR.LAST_SIGNING_KEY({ detail: `key ${kid} is the only signing key; rotate first` });
      }
      const retiredAt = new Date().toISOString();
      await this.persist(this.stored.map((other) => (other.kid === kid ? { ...other, retired_at: retiredAt } : other)));
    });
  }

  /**
   * Reloads the file when another process replaced it. A file that went missing or does not load is
   * logged and the keys in memory stay in use.
   */
  refresh(): Promise<void> {
    return this.serial(async () => {
      try {
        await this.reloadIfChanged();
      } catch (error) {
        this.log.error(
          { err: error, file: this.file },
          "the key file changed but does not load; keeping the keys in memory",
        );
      }
    });
  }

  /** See `openKeyStore`. */
  static async open(options: KeyStoreOptions): Promise<{ store: KeyStore; created?: string }> {
    const log = options.log ?? SILENT_LOG;
    const store = new KeyStore(options.file, options.alg ?? "RS256", log);
    const existed = await store.load();
    if (existed && store.signingKey()) return { store };
    const created = await store.addKey(store.defaultAlg);
    log.info(
      { kid: created, alg: store.defaultAlg, file: options.file },
      existed ? "every key was retired; generated a new signing key" : "generated the first signing key",
    );
    return { store, created };
  }

  /** Loads the file; false when it does not exist. */
  private async load(): Promise<boolean> {
    const stamp = await fileStamp(this.file);
    if (stamp === undefined) return false;
    const text = await readFile(this.file, "utf8");
    await this.apply(parseKeyFile(text, this.file));
    this.stamp = stamp;
    return true;
  }

  /** Generates a key, writes the file, then uses it. Only inside `serial`, or before the store is shared. */
  private async addKey(alg: SigningAlg): Promise<string> {
    const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
    let kid = await newKeyId(await exportJWK(publicKey));
    while (this.stored.some((key) => key.kid === kid)) kid = `${kid}x`;
    const key: StoredKey = { kid, alg, private_jwk: await exportJWK(privateKey), created_at: new Date().toISOString() };
    await this.persist([...this.stored, key]);
    return kid;
  }

  private async reloadIfChanged(): Promise<void> {
    const stamp = await fileStamp(this.file);
    if (stamp === this.stamp) return;
    if (stamp === undefined) {
      this.log.warn({ file: this.file }, "the key file is gone; keeping the keys in memory");
      this.stamp = undefined;
      return;
    }
    if (await this.load()) this.log.info({ file: this.file, kid: this.signingKey()?.kid }, "reloaded the key file");
  }

  private async persist(next: StoredKey[]): Promise<void> {
    await writeFileAtomic(this.file, `${JSON.stringify({ keys: next }, null, 2)}\n`);
    this.stamp = await fileStamp(this.file);
    await this.apply(next);
  }

  private async apply(next: StoredKey[]): Promise<void> {
    const active: ActiveKey[] = [];
    for (const stored of next) {
      if (stored.retired_at) continue;
      const known = this.active.find((key) => key.stored.kid === stored.kid);
      active.push(known ? { ...known, stored } : await activate(stored, this.file));
    }
    this.stored = next;
    this.active = active;
  }

  private serial<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => {});
    return run;
  }
}

/** Where the keys live and which algorithm new ones use. */
export interface KeyStoreOptions {
  file: string;
  alg?: SigningAlg;
  log?: Log;
}

/**
 * Opens the key file. Without one (the first start), or when every key in it is retired, it generates a
 * signing key of `alg` (default RS256) and writes the file; `created` is then that key's kid.
 */
export function openKeyStore(options: KeyStoreOptions): Promise<{ store: KeyStore; created?: string }> {
  return KeyStore.open(options);
}
