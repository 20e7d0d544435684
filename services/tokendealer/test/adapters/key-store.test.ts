import assert from "node:assert/strict";
import { readFile, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, it } from "node:test";
import { openKeyStore, type StoredKey } from "../../src/adapters/key-store.ts";
import { SIGNING_ALGS } from "../../src/domain/signing-alg.ts";
import { tempDir } from "../helper.ts";

const PRIVATE_MEMBERS = ["d", "p", "q", "dp", "dq", "qi", "oth", "k"];

async function readKeys(file: string): Promise<StoredKey[]> {
  return JSON.parse(await readFile(file, "utf8")).keys;
}

describe("key store", () => {
  it("generates one key on the first start into a mode 600 file, and loads it again", async (t) => {
    const file = join(await tempDir(t), "nested", "keys.json");
    const first = await openKeyStore({ file });
    assert.ok(first.created);
    assert.equal((await stat(file)).mode & 0o777, 0o600);
    const stored = await readKeys(file);
    assert.equal(stored.length, 1);
    assert.equal(stored[0].kid, first.created);
    assert.equal(stored[0].alg, "RS256");
    assert.equal(typeof stored[0].private_jwk.d, "string");
    assert.match(stored[0].created_at, /^\d{4}-\d\d-\d\dT/);
    const again = await openKeyStore({ file });
    assert.equal(again.created, undefined);
    assert.equal(again.store.signingKey()?.kid, first.created);
  });

  for (const alg of SIGNING_ALGS) {
    it(`publishes ${alg} keys with kid, alg, use sig and public members only`, async (t) => {
      const { store } = await openKeyStore({ file: join(await tempDir(t), "keys.json"), alg });
      const [jwk] = store.jwks().keys;
      assert.equal(jwk.alg, alg);
      assert.equal(jwk.use, "sig");
      assert.equal(jwk.kid, store.signingKey()?.kid);
      assert.equal(jwk.kty, alg === "ES256" ? "EC" : "RSA");
      for (const member of PRIVATE_MEMBERS) assert.equal(member in jwk, false, member);
    });
  }

  it("rotates: the new key signs, the old one stays published; retire stops publishing it", async (t) => {
    const file = join(await tempDir(t), "keys.json");
    const { store, created } = await openKeyStore({ file });
    const next = await store.rotate("ES256");
    assert.notEqual(next, created);
    assert.equal(store.signingKey()?.kid, next);
    assert.equal(store.signingKey()?.alg, "ES256");
    assert.deepEqual(
      store.jwks().keys.map((key) => key.kid),
      [created, next],
    );
    assert.ok(store.verificationKey(created!));
    await store.retire(created!);
    assert.deepEqual(
      store.jwks().keys.map((key) => key.kid),
      [next],
    );
    assert.equal(store.verificationKey(created!), undefined);
    const stored = await readKeys(file);
    assert.equal(stored.length, 2, "retired keys stay in the file");
    assert.match(stored[0].retired_at ?? "", /^\d{4}-/);
    assert.deepEqual(
      store.list().map(({ kid, signing, retired_at }) => ({ kid, signing, retired: retired_at !== undefined })),
      [
        { kid: created, signing: false, retired: true },
        { kid: next, signing: true, retired: false },
      ],
    );
  });

  it("retiring the newest key makes the previous one sign again", async (t) => {
    const { store, created } = await openKeyStore({ file: join(await tempDir(t), "keys.json") });
    const next = await store.rotate();
    await store.retire(next);
    assert.equal(store.signingKey()?.kid, created);
  });

  it("refuses to retire the only signing key, an unknown kid or a retired one; refuses unknown algs", async (t) => {
    const { store, created } = await openKeyStore({ file: join(await tempDir(t), "keys.json") });
    await assert.rejects(store.retire(created!), { code: "TOKENDEALER_ERR_LAST_SIGNING_KEY" });
    await assert.rejects(store.retire("nope"), { code: "TOKENDEALER_ERR_UNKNOWN_KEY" });
    await store.rotate();
    await store.retire(created!);
    await assert.rejects(store.retire(created!), { code: "TOKENDEALER_ERR_KEY_ALREADY_RETIRED" });
    await assert.rejects(store.rotate("HS256"), { code: "TOKENDEALER_ERR_UNSUPPORTED_ALG" });
  });

  it("picks up a change another process made to the file on refresh, and rotates on top of it", async (t) => {
    const file = join(await tempDir(t), "keys.json");
    const server = (await openKeyStore({ file })).store;
    const cli = (await openKeyStore({ file })).store;
    const added = await cli.rotate("RS512");
    assert.equal(server.signingKey()?.kid, (await readKeys(file))[0].kid, "not yet reloaded");
    await server.refresh();
    assert.equal(server.signingKey()?.kid, added);
    // The server's own rotation starts from the file, so the CLI's key is kept.
    const third = await server.rotate();
    assert.deepEqual(
      (await readKeys(file)).map((key) => key.kid),
      [server.list()[0].kid, added, third],
    );
  });

  it("keeps the keys in memory when the file is replaced by one that does not load", async (t) => {
    const file = join(await tempDir(t), "keys.json");
    const errors: string[] = [];
    const log = { info() {}, warn() {}, error: (_fields: object, message: string) => errors.push(message) };
    const { store, created } = await openKeyStore({ file, log });
    await writeFile(`${file}`, "{ not json");
    await store.refresh();
    assert.equal(store.signingKey()?.kid, created);
    assert.equal(errors.length, 1);
  });

  it("reports a broken key file by name and never quotes its content", async (t) => {
    const dir = await tempDir(t);
    const file = join(dir, "keys.json");
    await writeFile(file, '{"keys": [{"kid": "a", "alg": "RS256", "private_jwk": {"kty": "RSA", "d": "SECRETSTUFF"');
    await assert.rejects(openKeyStore({ file }), (error: Error & { code?: string; detail?: string }) => {
      assert.equal(error.code, "TOKENDEALER_ERR_KEYS_FILE_INVALID");
      assert.match(error.detail ?? "", /keys\.json: is not JSON/);
      assert.doesNotMatch(`${error.message} ${error.detail}`, /SECRETSTUFF/);
      return true;
    });
    await writeFile(file, JSON.stringify({ keys: [{ kid: "a", alg: "HS256", private_jwk: { kty: "oct", d: "x" } }] }));
    await assert.rejects(openKeyStore({ file }), { code: "TOKENDEALER_ERR_KEYS_FILE_INVALID" });
  });

  it("generates a new signing key when every key in the file is retired", async (t) => {
    const file = join(await tempDir(t), "keys.json");
    const { created } = await openKeyStore({ file });
    const stored = await readKeys(file);
    await writeFile(
      file,
      JSON.stringify({ keys: stored.map((key) => ({ ...key, retired_at: new Date().toISOString() })) }),
    );
    const reopened = await openKeyStore({ file });
    assert.ok(reopened.created);
    assert.notEqual(reopened.created, created);
    assert.deepEqual(
      reopened.store.jwks().keys.map((key) => key.kid),
      [reopened.created],
    );
  });
});
