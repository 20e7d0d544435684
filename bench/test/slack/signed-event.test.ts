import assert from "node:assert/strict";
import { test } from "node:test";
import { verifySlackSignature } from "@jeeves/slackbot";
import { BENCH_TEAM, eventTs, signEvent, slackEvent } from "../../src/slack/signed-event.ts";

const SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
const NOW = 1_764_316_800;

test("a signed event passes the slackbot's own verifier", () => {
  const body = slackEvent({ text: "help", seq: 7, run: "ABCD1234", nowSeconds: NOW });
  const signed = signEvent(SECRET, body, NOW);
  const check = verifySlackSignature({
    signingSecret: SECRET,
    timestamp: signed.headers["x-slack-request-timestamp"],
    signature: signed.headers["x-slack-signature"],
    rawBody: Buffer.from(signed.payload),
    nowSeconds: NOW + 1,
  });
  assert.deepEqual(check, { ok: true });
  assert.equal(signed.headers["content-length"], String(Buffer.byteLength(signed.payload)));
});

test("the verifier refuses the signature with another secret or another body", () => {
  const body = slackEvent({ text: "help", seq: 1, run: "ABCD1234", nowSeconds: NOW });
  const signed = signEvent(SECRET, body, NOW);
  const base = {
    timestamp: signed.headers["x-slack-request-timestamp"],
    signature: signed.headers["x-slack-signature"],
    nowSeconds: NOW,
  };
  assert.deepEqual(verifySlackSignature({ ...base, signingSecret: "another", rawBody: signed.payload }), {
    ok: false,
    reason: "mismatch",
  });
  assert.deepEqual(verifySlackSignature({ ...base, signingSecret: SECRET, rawBody: `${signed.payload} ` }), {
    ok: false,
    reason: "mismatch",
  });
});

test("each event is an app_mention of Jeeves in the bench workspace, with its own id and ts", () => {
  const a = slackEvent({ text: "config show", seq: 1, run: "ABCD1234", nowSeconds: NOW });
  const b = slackEvent({ text: "config show", seq: 2, run: "ABCD1234", nowSeconds: NOW });
  assert.equal(a.type, "event_callback");
  assert.equal(a.team_id, BENCH_TEAM);
  assert.equal(a.event.type, "app_mention");
  assert.match(a.event.text, /^<@U0BENCHBOT> config show$/);
  assert.notEqual(a.event_id, b.event_id);
  assert.equal(a.event.ts, eventTs(NOW, 1));
  assert.notEqual(a.event.ts, b.event.ts);
  assert.ok(a.authorizations.some((entry) => entry.is_bot && entry.user_id === "U0BENCHBOT"));
});
