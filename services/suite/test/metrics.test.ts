import assert from "node:assert/strict";
import { test } from "node:test";
import { SERVICES } from "../src/layout.ts";
import { mention, startE2e, waitFor } from "./harness.ts";

/** The value of one sample (`name{labels}`) in a scrape, 0 when absent. */
function sample(text: string, series: string): number {
  const found = text.split("\n").find((line) => line.startsWith(`${series} `));
  return found === undefined ? 0 : Number(found.slice(series.length + 1));
}

test("every service of the one-process suite has its own /metrics, and they change after a Slack message", async (t) => {
  const e = await startE2e(t, { bus: "memory" });
  const scrape = async (name: (typeof SERVICES)[number]) => {
    const res = await fetch(`${e.suite.layout.urls[name]}/metrics`);
    assert.equal(res.status, 200, name);
    assert.match(String(res.headers.get("content-type")), /^text\/plain; version=0\.0\.4/);
    return res.text();
  };
  for (const name of SERVICES) {
    const text = await scrape(name);
    assert.match(text, /# TYPE http_request_duration_seconds histogram/, name);
    assert.match(text, /^process_resident_memory_bytes /m, name);
  }
  const event = mention("config set units metric");
  assert.equal((await e.sendEvent(event)).status, 200);
  await e.slack.waitForPosts(1);
  const slackbot = await scrape("slackbot");
  assert.equal(
    sample(slackbot, 'http_request_duration_seconds_count{route="/slack/events",method="POST",status_code="200"}'),
    1,
  );
  assert.equal(sample(slackbot, 'jeeves_bus_messages_published_total{routing_key="chat.message.slack"}'), 1);
  // The reply is consumed by the slackbot's poster once posted: wait for the count (bounded).
  await waitFor(
    "the reply consumed by the poster",
    async () =>
      sample(
        await scrape("slackbot"),
        'jeeves_bus_messages_consumed_total{routing_key="chat.reply.slack",group="slackbot"}',
      ) === 1,
  );
  assert.equal(sample(await scrape("slackbot"), 'jeeves_outbound_requests_total{target="slack",outcome="ok"}'), 1);
  const actions = await scrape("actions");
  assert.equal(
    sample(actions, 'jeeves_bus_messages_consumed_total{routing_key="chat.message.slack",group="actions"}'),
    1,
  );
  assert.equal(sample(actions, 'jeeves_bus_messages_published_total{routing_key="chat.reply.slack"}'), 1);
  assert.ok(sample(actions, 'jeeves_outbound_requests_total{target="dataservice",outcome="ok"}') >= 1);
  // Each app counts its own: the actions did not publish a chat message, the slackbot counted no dataservice call of the actions.
  assert.equal(sample(actions, 'jeeves_bus_messages_published_total{routing_key="chat.message.slack"}'), 0);
  const dataservice = await scrape("dataservice");
  assert.ok(sample(dataservice, 'jeeves_token_verifications_total{result="ok"}') >= 1);
  for (const name of SERVICES) {
    const text = await scrape(name);
    assert.ok(!text.includes("xoxb-"), `no bot token in ${name}'s metrics`);
    assert.ok(!text.includes(e.signingSecret), `no signing secret in ${name}'s metrics`);
    assert.doesNotMatch(text, /route="[^"]*\?/, `no query string in ${name}'s route labels`);
  }
});
