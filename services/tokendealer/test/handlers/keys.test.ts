import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { decodeProtectedHeader, jwtVerify } from "jose";
import { SIGNING_ALGS } from "../../src/domain/signing-alg.ts";
import { addClient, appJwks, build, ISSUER, issue } from "../helper.ts";

const PRIVATE_MEMBERS = ["d", "p", "q", "dp", "dq", "qi", "oth", "k"];

describe("getJwks and rotation", () => {
  it("publishes the keys with Cache-Control public, max-age=300 and never a private member", async (t) => {
    const app = await build(t);
    await app.keys.rotate("ES256");
    await app.keys.rotate("RS512");
    const res = await app.inject({ method: "GET", url: "/.well-known/jwks.json" });
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers["cache-control"], "public, max-age=300");
    const { keys } = res.json();
    assert.equal(keys.length, 3);
    for (const key of keys) {
      assert.equal(key.use, "sig");
      assert.ok(SIGNING_ALGS.includes(key.alg));
      assert.equal(typeof key.kid, "string");
      for (const member of PRIVATE_MEMBERS) assert.equal(member in key, false, `${key.kid} publishes ${member}`);
    }
    assert.doesNotMatch(res.body, /"(d|p|q|dp|dq|qi)"\s*:/);
  });

  it("after rotate new tokens carry the new kid and old tokens still verify; after retire the old key is gone", async (t) => {
    const app = await build(t);
    const client = await addClient(app);
    const oldToken = await issue(app, client);
    const oldKid = decodeProtectedHeader(oldToken).kid!;
    const newKid = await app.keys.rotate();
    const newToken = await issue(app, client);
    assert.equal(decodeProtectedHeader(newToken).kid, newKid);
    const kids = async () =>
      (await app.inject({ method: "GET", url: "/.well-known/jwks.json" }))
        .json()
        .keys.map((k: { kid: string }) => k.kid);
    assert.deepEqual(await kids(), [oldKid, newKid]);
    await jwtVerify(oldToken, await appJwks(app), { issuer: ISSUER });
    await app.keys.retire(oldKid);
    assert.deepEqual(await kids(), [newKid]);
    await assert.rejects(jwtVerify(oldToken, await appJwks(app), { issuer: ISSUER }), {
      code: "ERR_JWKS_NO_MATCHING_KEY",
    });
    await jwtVerify(newToken, await appJwks(app), { issuer: ISSUER });
  });

  for (const alg of ["ES256", "RS512"] as const) {
    it(`signs and verifies with ${alg} keys`, async (t) => {
      const app = await build(t, { alg });
      const client = await addClient(app);
      const token = await issue(app, client);
      const { protectedHeader } = await jwtVerify(token, await appJwks(app), { issuer: ISSUER, algorithms: [alg] });
      assert.equal(protectedHeader.alg, alg);
      const [jwk] = (await app.inject({ method: "GET", url: "/.well-known/jwks.json" })).json().keys;
      assert.equal(jwk.kty, alg === "ES256" ? "EC" : "RSA");
      if (alg === "ES256") assert.equal(jwk.crv, "P-256");
    });
  }
});
