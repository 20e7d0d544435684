import assert from "node:assert/strict";
import { access, readdir, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { describe, it } from "node:test";
import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from "jose";
import { startTestTokenDealer } from "../../testing/index.ts";

describe("startTestTokenDealer", () => {
  it("listens on 127.0.0.1 and issues real tokens whose issuer is its URL, verifiable through its JWKS URL", async (t) => {
    const dealer = await startTestTokenDealer();
    t.after(() => dealer.close());
    assert.match(dealer.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.equal(dealer.jwksUrl, `${dealer.url}/.well-known/jwks.json`);
    const client = await dealer.addClient("actions-test", ["users:read", "chat:write"], ["dataservice"]);
    const token = await dealer.token(client.id, client.secret, "dataservice", ["users:read"]);
    assert.equal(dealer.jwksRequests(), 0);
    const jwks = createRemoteJWKSet(new URL(dealer.jwksUrl));
    const { payload, protectedHeader } = await jwtVerify(token, jwks, { issuer: dealer.url, audience: "dataservice" });
    assert.equal(payload.scope, "users:read");
    assert.equal(payload.exp, (payload.iat ?? 0) + 600);
    assert.equal(protectedHeader.kid, dealer.currentKid());
    assert.equal(dealer.jwksRequests(), 1);
    const metadata = (await (await fetch(`${dealer.url}/.well-known/oauth-authorization-server`)).json()) as {
      issuer: string;
    };
    assert.equal(metadata.issuer, dealer.url);
    assert.equal(dealer.jwksRequests(), 1, "only the JWKS route counts");
  });

  it("rotates and retires on the running app", async (t) => {
    const dealer = await startTestTokenDealer();
    t.after(() => dealer.close());
    const client = await dealer.addClient("svc", ["users:read"], ["dataservice"]);
    const first = dealer.currentKid();
    const second = await dealer.rotate("ES256");
    assert.equal(dealer.currentKid(), second);
    const token = await dealer.token(client.id, client.secret, "dataservice");
    assert.deepEqual(decodeProtectedHeader(token), { alg: "ES256", kid: second, typ: "at+jwt" });
    const kids = async () =>
      ((await (await fetch(dealer.jwksUrl)).json()) as { keys: { kid: string }[] }).keys.map((key) => key.kid);
    assert.deepEqual(await kids(), [first, second]);
    await dealer.retire(first);
    assert.deepEqual(await kids(), [second]);
    assert.equal(dealer.jwksRequests(), 2);
    await assert.rejects(dealer.retire(second), { code: "TOKENDEALER_ERR_LAST_SIGNING_KEY" });
  });

  it("takes the algorithm and the token lifetime as options", async (t) => {
    const dealer = await startTestTokenDealer({ alg: "RS512", ttlSeconds: 5 });
    t.after(() => dealer.close());
    const client = await dealer.addClient("svc", ["users:read"], ["dataservice"]);
    const token = await dealer.token(client.id, client.secret, "dataservice");
    const { payload, protectedHeader } = await jwtVerify(token, createRemoteJWKSet(new URL(dealer.jwksUrl)));
    assert.equal(protectedHeader.alg, "RS512");
    assert.equal(payload.exp, (payload.iat ?? 0) + 5);
  });

  it("withoutSigningKey() leaves no key to sign with (/ready 503, no token) until restore()", async (t) => {
    const dealer = await startTestTokenDealer();
    t.after(() => dealer.close());
    const client = await dealer.addClient("keyless-test", ["users:read"], ["dataservice"]);
    const kid = dealer.currentKid();
    const restore = await dealer.withoutSigningKey();
    const ready = await fetch(`${dealer.url}/ready`);
    assert.equal(ready.status, 503);
    assert.equal(((await ready.json()) as { code: string }).code, "TOKENDEALER_ERR_NO_SIGNING_KEY");
    await assert.rejects(dealer.token(client.id, client.secret, "dataservice"));
    await restore();
    assert.equal((await fetch(`${dealer.url}/ready`)).status, 200);
    assert.equal(dealer.currentKid(), kid, "the same key signs again");
    assert.ok(await dealer.token(client.id, client.secret, "dataservice"));
  });

  it("token() throws TOKENDEALER_ERR_TOKEN_REFUSED on an OAuth error; close() removes its data folder", async () => {
    const dealer = await startTestTokenDealer();
    const client = await dealer.addClient("svc", ["users:read"], ["dataservice"]);
    await assert.rejects(dealer.token(client.id, client.secret, "weather"), (error: Error & { code?: string }) => {
      assert.equal(error.code, "TOKENDEALER_ERR_TOKEN_REFUSED");
      assert.match(error.message, /invalid_target/);
      return true;
    });
    await assert.rejects(dealer.token(client.id, "wrong", "dataservice"), /invalid_client/);
    const dataDir = dirname(await keysFileOf(dealer));
    await dealer.close();
    await dealer.close();
    await assert.rejects(access(dataDir));
    await assert.rejects(fetch(dealer.jwksUrl));
  });
});

/** The data folder is not part of the interface: find the temporary key file that holds the dealer's kid. */
async function keysFileOf(dealer: { url: string }): Promise<string> {
  const kid = ((await (await fetch(`${dealer.url}/.well-known/jwks.json`)).json()) as { keys: { kid: string }[] })
    .keys[0].kid;
  for (const name of await readdir(tmpdir())) {
    if (!name.startsWith("tokendealer-test-")) continue;
    const file = join(tmpdir(), name, "keys.json");
    const text = await readFile(file, "utf8").catch(() => "");
    if (text.includes(kid)) return file;
  }
  throw new Error("data folder not found");
}
