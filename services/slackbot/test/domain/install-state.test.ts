import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import { describe, it } from "node:test";
import fc from "fast-check";
import {
  browserBinding,
  deriveStateSecret,
  INSTALL_STATE_TTL_SECONDS,
  isBrowserBinding,
  issueInstallState,
  signInstallState,
  verifyInstallState,
} from "../../src/domain/install-state.ts";

const SECRET = "state-secret-of-the-tests";
const NOW = 1_764_316_800_000;

/** The string with the character at `index` replaced by a different base64url one. */
function changeAt(text: string, index: number): string {
  const replacement = text[index] === "A" ? "B" : "A";
  return text.slice(0, index) + replacement + text.slice(index + 1);
}

function encode(payload: unknown): string {
  return Buffer.from(JSON.stringify(payload)).toString("base64url");
}

describe("signInstallState / verifyInstallState", () => {
  it("is two base64url parts: the JSON payload {nonce, exp} and its HMAC-SHA256", () => {
    const state = signInstallState(SECRET, { nowMs: NOW, nonce: "n0nce" });
    const [payload, signature] = state.split(".");
    assert.deepEqual(JSON.parse(Buffer.from(payload, "base64url").toString("utf8")), {
      nonce: "n0nce",
      exp: NOW / 1000 + 600,
    });
    assert.match(signature, /^[A-Za-z0-9_-]{43}$/);
    assert.deepEqual(verifyInstallState(SECRET, state, NOW), {
      ok: true,
      payload: { nonce: "n0nce", exp: NOW / 1000 + 600 },
    });
  });

  it("gives every state a new random nonce", () => {
    const states = new Set(Array.from({ length: 50 }, () => signInstallState(SECRET, { nowMs: NOW })));
    assert.equal(states.size, 50);
  });

  it("holds for 10 minutes: valid until the last second, expired from its exp on", () => {
    const state = signInstallState(SECRET, { nowMs: NOW });
    assert.equal(INSTALL_STATE_TTL_SECONDS, 600);
    assert.equal(verifyInstallState(SECRET, state, NOW + 599_999).ok, true);
    assert.deepEqual(verifyInstallState(SECRET, state, NOW + 600_000), { ok: false, reason: "expired" });
    assert.deepEqual(verifyInstallState(SECRET, state, NOW + 86_400_000), { ok: false, reason: "expired" });
  });

  const refused: [string, () => string, "malformed" | "forged"][] = [
    ["signed with another secret", () => signInstallState("another secret", { nowMs: NOW }), "forged"],
    [
      "a later exp with the old signature",
      () => {
        const [, signature] = signInstallState(SECRET, { nowMs: NOW }).split(".");
        return `${encode({ nonce: "x", exp: NOW / 1000 + 86_400 })}.${signature}`;
      },
      "forged",
    ],
    ["an unsigned payload", () => `${encode({ nonce: "x", exp: NOW / 1000 + 600 })}.`, "malformed"],
    ["the payload alone", () => encode({ nonce: "x", exp: NOW / 1000 + 600 }), "malformed"],
    ["three parts", () => `${signInstallState(SECRET, { nowMs: NOW })}.x`, "malformed"],
    ["not base64url", () => "eyJub25jZSI6IngifQ==.c2ln", "malformed"],
    ["empty", () => "", "malformed"],
    [
      "a signed payload that is not {nonce, exp}",
      () => {
        const payload = encode({ nonce: 1, exp: "soon" });
        return `${payload}.${createHmac("sha256", SECRET).update(payload).digest("base64url")}`;
      },
      "malformed",
    ],
  ];
  for (const [name, make, reason] of refused) {
    it(`refuses a state ${name} (${reason})`, () => {
      assert.deepEqual(verifyInstallState(SECRET, make(), NOW), { ok: false, reason });
    });
  }

  it("property: changing any one character of a state refuses it", () => {
    const state = signInstallState(SECRET, { nowMs: NOW });
    fc.assert(
      fc.property(fc.nat({ max: state.length - 1 }), (index) => {
        if (state[index] === ".") return;
        assert.equal(verifyInstallState(SECRET, changeAt(state, index), NOW).ok, false);
      }),
    );
  });

  it("property: a state verifies with the secret that signed it, and only with it", () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), fc.string({ minLength: 1 }), (secret, other) => {
        const state = signInstallState(secret, { nowMs: NOW });
        assert.equal(verifyInstallState(secret, state, NOW).ok, true);
        if (other !== secret) assert.equal(verifyInstallState(other, state, NOW).ok, false);
      }),
    );
  });

  it("refuses an empty secret rather than signing with it", () => {
    assert.throws(() => signInstallState("", { nowMs: NOW }), /must not be empty/);
    assert.throws(() => verifyInstallState("", "a.b", NOW), /must not be empty/);
  });
});

describe("deriveStateSecret", () => {
  it("derives a 32-byte key from the signing secret: stable, and neither the secret nor another's key", () => {
    const key = deriveStateSecret("8f742231b10e8888abcd99yyyzzz85a5");
    assert.equal(key.length, 32);
    assert.deepEqual(deriveStateSecret("8f742231b10e8888abcd99yyyzzz85a5"), key);
    assert.notDeepEqual(deriveStateSecret("8f742231b10e8888abcd99yyyzzz85a6"), key);
    assert.ok(!key.toString("utf8").includes("8f742231"));
    const state = signInstallState(key, { nowMs: NOW });
    assert.equal(verifyInstallState("8f742231b10e8888abcd99yyyzzz85a5", state, NOW).ok, false);
  });
});

describe("the install cookie's binding", () => {
  it("matches its own nonce only, under its own secret, and is not in the state", () => {
    const { state, cookie } = issueInstallState(SECRET, NOW);
    const check = verifyInstallState(SECRET, state, NOW);
    assert.ok(check.ok);
    assert.ok(isBrowserBinding(SECRET, check.payload.nonce, cookie));
    assert.equal(cookie, browserBinding(SECRET, check.payload.nonce));
    assert.ok(!isBrowserBinding(SECRET, "another nonce", cookie));
    assert.ok(!isBrowserBinding("another secret", check.payload.nonce, cookie));
    assert.ok(!isBrowserBinding(SECRET, check.payload.nonce, undefined));
    assert.ok(!isBrowserBinding(SECRET, check.payload.nonce, `${cookie}x`));
    assert.ok(!state.includes(cookie) && !cookie.includes(check.payload.nonce));
    assert.notEqual(issueInstallState(SECRET, NOW).cookie, cookie, "a new nonce each time");
  });
});
