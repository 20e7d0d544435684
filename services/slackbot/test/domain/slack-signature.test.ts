import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { signSlackRequest, verifySlackSignature } from "../../src/domain/slack-signature.ts";

// Slack's published example ("Verifying requests from Slack", slash-command body).
const SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
const TIMESTAMP = "1531420618";
const BODY =
  "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V" +
  "&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=" +
  "&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN" +
  "&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";
const SIGNATURE = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";
const NOW = 1531420618;

const example = { signingSecret: SECRET, timestamp: TIMESTAMP, rawBody: BODY, signature: SIGNATURE, nowSeconds: NOW };

/** The string with the character at `index` replaced by a different one. */
function changeAt(text: string, index: number): string {
  const replacement = text[index] === "0" ? "1" : "0";
  return text.slice(0, index) + replacement + text.slice(index + 1);
}

describe("verifySlackSignature", () => {
  it("computes Slack's published example signature", () => {
    assert.equal(signSlackRequest(SECRET, TIMESTAMP, BODY), SIGNATURE);
    assert.equal(signSlackRequest(SECRET, TIMESTAMP, Buffer.from(BODY)), SIGNATURE);
  });

  it("accepts Slack's published example, with the body as a string or as bytes", () => {
    assert.deepEqual(verifySlackSignature(example), { ok: true });
    assert.deepEqual(verifySlackSignature({ ...example, rawBody: Buffer.from(BODY) }), { ok: true });
  });

  const mismatches: [string, Partial<typeof example>][] = [
    ["first body byte changed", { rawBody: changeAt(BODY, 0) }],
    ["last body byte changed", { rawBody: changeAt(BODY, BODY.length - 1) }],
    ["body with a trailing newline", { rawBody: `${BODY}\n` }],
    ["body re-encoded (parsed and re-serialized)", { rawBody: decodeURIComponent(BODY) }],
    ["timestamp changed by one second", { timestamp: "1531420619" }],
    ["secret changed by one byte", { signingSecret: changeAt(SECRET, 5) }],
    ["signature changed by one hex digit", { signature: changeAt(SIGNATURE, 10) }],
    ["signature in upper case", { signature: `v0=${SIGNATURE.slice(3).toUpperCase()}` }],
    ["signature of another version", { signature: `v1=${SIGNATURE.slice(3)}` }],
    ["signature too short", { signature: SIGNATURE.slice(0, -1) }],
    ["signature too long", { signature: `${SIGNATURE}0` }],
    ["signature with multi-byte characters", { signature: `v0=${"é".repeat(32)}` }],
  ];
  for (const [name, change] of mismatches) {
    it(`refuses (mismatch): ${name}`, () => {
      assert.deepEqual(verifySlackSignature({ ...example, ...change }), { ok: false, reason: "mismatch" });
    });
  }

  const refusals: [string, Partial<typeof example>, string][] = [
    ["no timestamp header", { timestamp: undefined }, "missing"],
    ["empty timestamp header", { timestamp: "" }, "missing"],
    ["no signature header", { signature: undefined }, "missing"],
    ["empty signature header", { signature: "" }, "missing"],
    ["timestamp not a number", { timestamp: "yesterday" }, "malformed"],
    ["timestamp with a fraction", { timestamp: "1531420618.5" }, "malformed"],
    ["negative timestamp", { timestamp: "-1531420618" }, "malformed"],
    ["timestamp with spaces", { timestamp: " 1531420618" }, "malformed"],
    ["timestamp 301 s old", { nowSeconds: NOW + 301 }, "stale"],
    ["timestamp 301 s in the future", { nowSeconds: NOW - 301 }, "stale"],
    ["a replay a day later", { nowSeconds: NOW + 86_400 }, "stale"],
  ];
  for (const [name, change, reason] of refusals) {
    it(`refuses (${reason}): ${name}`, () => {
      assert.deepEqual(verifySlackSignature({ ...example, ...change }), { ok: false, reason });
    });
  }

  it("accepts timestamps exactly 300 s away in either direction", () => {
    assert.deepEqual(verifySlackSignature({ ...example, nowSeconds: NOW + 300 }), { ok: true });
    assert.deepEqual(verifySlackSignature({ ...example, nowSeconds: NOW - 300 }), { ok: true });
  });

  it("throws on an empty signing secret (configuration error)", () => {
    assert.throws(() => verifySlackSignature({ ...example, signingSecret: "" }), /signing secret/);
  });

  it("property: any body signed with the secret and a fresh timestamp verifies; any one-byte change does not", () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 1, maxLength: 512 }),
        fc.string({ minLength: 1, maxLength: 64 }),
        fc.integer({ min: -300, max: 300 }),
        fc.nat(),
        fc.integer({ min: 1, max: 255 }),
        (bytes, secret, skew, position, flip) => {
          const body = Buffer.from(bytes);
          const timestamp = String(NOW + skew);
          const signature = signSlackRequest(secret, timestamp, body);
          const request = { signingSecret: secret, timestamp, rawBody: body, signature, nowSeconds: NOW };
          assert.deepEqual(verifySlackSignature(request), { ok: true });
          const changed = Buffer.from(body);
          changed[position % changed.length] ^= flip;
          assert.deepEqual(verifySlackSignature({ ...request, rawBody: changed }), { ok: false, reason: "mismatch" });
        },
      ),
      { numRuns: 500 },
    );
  });

  it("property: a string body verifies the same as its UTF-8 bytes", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 200 }), (text) => {
        const signature = signSlackRequest(SECRET, TIMESTAMP, text);
        assert.deepEqual(verifySlackSignature({ ...example, rawBody: Buffer.from(text, "utf8"), signature }), {
          ok: true,
        });
      }),
    );
  });
});
