import assert from "node:assert/strict";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { freePort, startPrism } from "../src/index.ts";

const SLACK_SPEC = fileURLToPath(new URL("../../../specs/openapi/external/slack-web-api.yaml", import.meta.url));

test("startPrism serves the spec's examples, validates requests, and stop() ends the process", async (t) => {
  const prism = await startPrism(SLACK_SPEC);
  t.after(() => prism.stop());
  const ok = await fetch(`${prism.url}/auth.test`, { method: "POST", headers: { authorization: "Bearer xoxb-x" } });
  assert.equal(ok.status, 200);
  assert.equal(((await ok.json()) as { ok: boolean }).ok, true);
  const refused = await fetch(`${prism.url}/chat.postMessage`, {
    method: "POST",
    headers: { authorization: "Bearer xoxb-x", "content-type": "application/json" },
    body: JSON.stringify({ text: "no channel" }),
  });
  assert.equal(refused.status, 422, "a request that breaks the spec is refused");
  await prism.stop();
  await prism.stop(); // safe twice
  assert.throws(() => process.kill(prism.pid, 0), "the process is gone");
});

test("startPrism takes a port: it listens there, or with 0 on one the OS picks, which its URL names", async (t) => {
  const port = await freePort();
  const given = await startPrism(SLACK_SPEC, { port });
  t.after(() => given.stop());
  assert.equal(given.url, `http://127.0.0.1:${port}`);
  const picked = await startPrism(SLACK_SPEC, { port: 0 });
  t.after(() => picked.stop());
  assert.match(picked.url, /^http:\/\/127\.0\.0\.1:[1-9]\d*$/);
  assert.notEqual(picked.url, given.url);
  for (const prism of [given, picked]) {
    const ok = await fetch(`${prism.url}/auth.test`, { method: "POST", headers: { authorization: "Bearer xoxb-x" } });
    assert.equal(ok.status, 200, prism.url);
  }
});

test("freePort answers a port that can be listened on", async () => {
  const port = await freePort();
  assert.ok(port > 0 && port < 65536);
});

test("a Prism that cannot start fails with its own output, after a second attempt", async () => {
  const missing = fileURLToPath(new URL("./no-such-spec.yaml", import.meta.url));
  await assert.rejects(startPrism(missing), (error: Error) => {
    assert.match(error.message, /did not start in 2 attempts/);
    assert.match(error.message, /attempt 1: exited \(1\); Prism's output:\n.*Starting Prism/);
    assert.match(error.message, /attempt 2: exited \(1\)/);
    assert.match(error.message, /fatal +Error opening file ".*no-such-spec\.yaml"/, "Prism's own words");
    return true;
  });
});
