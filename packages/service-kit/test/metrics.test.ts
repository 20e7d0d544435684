import assert from "node:assert/strict";
import { test } from "node:test";
import type { VerifiedToken } from "../src/auth/token-verifier.ts";
import { countingVerifier } from "../src/metrics.ts";
import { createApp, createAppMetrics, routingKeyLabel } from "../src/index.ts";

const spec = { openapi: "3.0.3", info: { title: "t", version: "1.0.0" }, paths: {} };

test("each app has its own registry; requests are timed by route pattern, never by raw URL", async (t) => {
  const one = await createApp({ name: "one", spec, logger: false });
  const two = await createApp({ name: "two", spec, logger: false });
  t.after(() => Promise.all([one.close(), two.close()]));
  one.get("/users/:id", async () => ({ ok: true }));
  await one.inject({ method: "GET", url: "/users/42?token=hush" });
  const first = await one.metrics.text();
  assert.match(first, /http_request_duration_seconds_count\{route="\/users\/:id",method="GET",status_code="200"\} 1/);
  // Not the raw URL nor its query (the process metrics' numbers may hold any digits: only labels are checked).
  assert.doesNotMatch(first, /\/users\/42|hush/);
  assert.match(first, /^process_cpu_user_seconds_total /m, "the process metrics are merged in");
  assert.doesNotMatch(await two.metrics.text(), /route="\/users\/:id"/, "the other app counted nothing");
});

test("the counters count by their labels, and routing keys are cut to three words", async () => {
  const metrics = createAppMetrics();
  metrics.bus.published("chat.reply.local.replica-1");
  metrics.bus.consumed("chat.message.slack", "actions");
  metrics.bus.deadLettered("chat.message.slack", "actions");
  metrics.outbound("slack").observe("timeout", 0.2);
  metrics.cache("weather", true);
  metrics.tokenVerification("invalid");
  metrics.alertsSent("ok", 2);
  const text = await metrics.text();
  for (const line of [
    'jeeves_bus_messages_published_total{routing_key="chat.reply.local"} 1',
    'jeeves_bus_messages_consumed_total{routing_key="chat.message.slack",group="actions"} 1',
    'jeeves_bus_messages_dead_lettered_total{routing_key="chat.message.slack",group="actions"} 1',
    'jeeves_outbound_requests_total{target="slack",outcome="timeout"} 1',
    'jeeves_cache_requests_total{cache="weather",result="hit"} 1',
    'jeeves_token_verifications_total{result="invalid"} 1',
    'jeeves_alerts_sent_total{result="ok"} 2',
  ]) {
    assert.ok(text.includes(`${line}\n`), line);
  }
  assert.equal(routingKeyLabel("chat.message.slack"), "chat.message.slack");
});

test("jeeves_bus_dead_letters reads the bus's count at each scrape; a bus that cannot be read does not fail it", async () => {
  const metrics = createAppMetrics();
  assert.match(await metrics.text(), /^jeeves_bus_dead_letters 0$/m, "no source: none");
  let held = 3;
  metrics.deadLetters(async () => held);
  assert.match(await metrics.text(), /^jeeves_bus_dead_letters 3$/m);
  held = 1;
  assert.match(await metrics.text(), /^jeeves_bus_dead_letters 1$/m, "read again at the next scrape");
  metrics.deadLetters(async () => {
    throw new Error("the broker is away");
  });
  assert.match(await metrics.text(), /^jeeves_bus_dead_letters Nan$/m);
});

test("every token check counts as a verification, the known tokens too", async () => {
  const metrics = createAppMetrics();
  const token: VerifiedToken = { clientId: "actions", scopes: new Set(["users:read"]), exp: 0, claims: {} };
  const verifier = countingVerifier(
    { verify: async () => token, known: (value) => (value === "seen" ? token : undefined) },
    metrics,
  );
  assert.equal(await verifier.verify("new"), token);
  assert.equal(verifier.known?.("seen"), token);
  assert.equal(verifier.known?.("unseen"), undefined, "not known: no count, the caller verifies it");
  assert.match(await metrics.text(), /^jeeves_token_verifications_total\{result="ok"\} 2$/m);
});
