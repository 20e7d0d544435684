import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { decodeProtectedHeader, generateKeyPair, SignJWT } from "jose";
import {
  type SigningKey,
  signAccessToken,
  type VerificationKey,
  verifyAccessToken,
} from "../../src/domain/access-token.ts";
import { SIGNING_ALGS, type SigningAlg } from "../../src/domain/signing-alg.ts";

const ISS = "http://issuer.test";

async function keyPair(
  alg: SigningAlg,
  kid = `k-${alg}`,
): Promise<{ signing: SigningKey; verifying: VerificationKey }> {
  const { privateKey, publicKey } = await generateKeyPair(alg);
  return { signing: { kid, alg, privateKey }, verifying: { kid, alg, publicKey } };
}

const request = { issuer: ISS, clientId: "svc", audience: "dataservice", scopes: ["users:read", "chat:write"] };

describe("access tokens", () => {
  for (const alg of SIGNING_ALGS) {
    it(`sign and verify with ${alg}: header kid/alg/typ, claims, exp = iat + ttl`, async () => {
      const { signing, verifying } = await keyPair(alg);
      const { token, claims } = await signAccessToken(signing, { ...request, ttlSeconds: 600 });
      assert.deepEqual(decodeProtectedHeader(token), { alg, kid: signing.kid, typ: "at+jwt" });
      assert.equal(claims.exp, claims.iat + 600);
      assert.match(claims.jti, /^[0-9a-f-]{36}$/);
      const verified = await verifyAccessToken(token, {
        issuer: ISS,
        keyFor: (kid) => (kid === signing.kid ? verifying : undefined),
      });
      assert.deepEqual(verified, {
        iss: ISS,
        sub: "svc",
        aud: "dataservice",
        client_id: "svc",
        scope: "users:read chat:write",
        iat: claims.iat,
        exp: claims.exp,
        jti: claims.jti,
      });
    });
  }

  it("sign a person's token: sub the person, client_id the client, act {sub: client}; verify keeps act", async () => {
    const { signing, verifying } = await keyPair("ES256");
    const person = "0190b8a2-7c1e-7d4a-9f3e-5b2a1c0d9e8f";
    const { token, claims } = await signAccessToken(signing, { ...request, ttlSeconds: 60, subject: person });
    assert.equal(claims.sub, person);
    assert.equal(claims.client_id, "svc");
    assert.deepEqual(claims.act, { sub: "svc" });
    const verified = await verifyAccessToken(token, { issuer: ISS, keyFor: () => verifying });
    assert.deepEqual(verified, claims);
    // A token signed with a malformed act is not one of ours.
    const forged = await new SignJWT({ ...claims, act: "svc" })
      .setProtectedHeader({ alg: "ES256", kid: signing.kid, typ: "at+jwt" })
      .sign(signing.privateKey);
    assert.equal(await verifyAccessToken(forged, { issuer: ISS, keyFor: () => verifying }), undefined);
  });

  it("refuses expired tokens, other issuers, unknown kids, a key of another alg, tampering and garbage", async () => {
    const { signing, verifying } = await keyPair("RS256");
    const keyFor = (kid: string) => (kid === signing.kid ? verifying : undefined);
    const old = await signAccessToken(signing, {
      ...request,
      ttlSeconds: 60,
      now: Math.floor(Date.now() / 1000) - 120,
    });
    assert.equal(await verifyAccessToken(old.token, { issuer: ISS, keyFor }), undefined);
    const good = await signAccessToken(signing, { ...request, ttlSeconds: 60 });
    assert.equal(await verifyAccessToken(good.token, { issuer: "http://other.test", keyFor }), undefined);
    assert.equal(await verifyAccessToken(good.token, { issuer: ISS, keyFor: () => undefined }), undefined);
    assert.equal(
      await verifyAccessToken(good.token, { issuer: ISS, keyFor: () => ({ ...verifying, alg: "RS512" }) }),
      undefined,
    );
    const [h, p, s] = good.token.split(".");
    const flipped = `${s.slice(0, -2)}${s.endsWith("AA") ? "BB" : "AA"}`;
    assert.equal(await verifyAccessToken(`${h}.${p}.${flipped}`, { issuer: ISS, keyFor }), undefined);
    assert.equal(await verifyAccessToken("not.a.jwt", { issuer: ISS, keyFor }), undefined);
    assert.ok(await verifyAccessToken(good.token, { issuer: ISS, keyFor }));
  });

  it("refuses a well-signed token of another typ or without the access token claims", async () => {
    const { signing, verifying } = await keyPair("ES256");
    const keyFor = () => verifying;
    const plain = await new SignJWT({ scope: "users:read" })
      .setProtectedHeader({ alg: "ES256", kid: signing.kid, typ: "JWT" })
      .setIssuer(ISS)
      .setExpirationTime("5m")
      .sign(signing.privateKey);
    assert.equal(await verifyAccessToken(plain, { issuer: ISS, keyFor }), undefined);
    const partial = await new SignJWT({ scope: "users:read" })
      .setProtectedHeader({ alg: "ES256", kid: signing.kid, typ: "at+jwt" })
      .setIssuer(ISS)
      .setIssuedAt()
      .setExpirationTime("5m")
      .sign(signing.privateKey);
    assert.equal(await verifyAccessToken(partial, { issuer: ISS, keyFor }), undefined);
  });
});
