import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { describe, it } from "node:test";
import { decryptSecret, encryptSecret } from "../../src/adapters/secret-box.ts";

describe("secret-box", () => {
  const key = randomBytes(32);

  it("round-trips, in the v1.<iv>.<tag>.<ciphertext> format", () => {
    const box = encryptSecret(key, "xoxb-secret-ünïcode");
    assert.match(box, /^v1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]+$/);
    assert.equal(box.includes("secret"), false);
    assert.equal(decryptSecret(key, box), "xoxb-secret-ünïcode");
    assert.equal(decryptSecret(key, encryptSecret(key, "")), "");
  });

  it("uses a fresh IV each time", () => {
    const a = encryptSecret(key, "same");
    const b = encryptSecret(key, "same");
    assert.notEqual(a, b);
    assert.notEqual(a.split(".")[1], b.split(".")[1]);
  });

  it("throws on a wrong key, tampering or a malformed value", () => {
    const box = encryptSecret(key, "token");
    assert.throws(() => decryptSecret(randomBytes(32), box));
    const [v, iv, tag, data] = box.split(".");
    const flipped = Buffer.from(data, "base64url");
    flipped[0] ^= 1;
    assert.throws(() => decryptSecret(key, [v, iv, tag, flipped.toString("base64url")].join(".")));
    for (const bad of [
      "",
      "token",
      `v2.${iv}.${tag}.${data}`,
      `v1.${iv}.${data}`,
      `v1.${iv}.AAAA.${data}`,
      `v1.${iv}.${tag}.a+b`,
    ]) {
      assert.throws(() => decryptSecret(key, bad), `value ${JSON.stringify(bad)}`);
    }
  });

  it("insists on a 32-byte key", () => {
    assert.throws(() => encryptSecret(randomBytes(16), "x"), RangeError);
    assert.throws(() => decryptSecret(randomBytes(31), encryptSecret(key, "x")), RangeError);
  });
});
