import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { mention, waitFor } from "../harness.ts";
import { alive, countAnswers, listening, requireClusterServers, startCluster } from "./cluster-harness.ts";

describe("npm run start:cluster", { timeout: 600_000 }, () => {
  it("runs two slackbot and two actions replicas that answer each Slack event once, answers /chat on either, and stops on SIGTERM", async (t) => {
    if (!(await requireClusterServers(t))) return;
    const cluster = await startCluster(t);
    const slackbots = Object.keys(cluster.urls).filter((id) => id.startsWith("slackbot-"));
    const actions = Object.keys(cluster.urls).filter((id) => id.startsWith("actions-"));
    assert.deepEqual(slackbots, ["slackbot-1", "slackbot-2"]);
    assert.deepEqual(actions, ["actions-1", "actions-2"]);
    for (const id of ["tokendealer-1", "dataservice-1", "weather-1", "scheduler-1"]) assert.ok(cluster.urls[id], id);

    // The same signed event delivered to both replicas at once (a Slack retry landing on the other one):
    // one replica publishes it; the other answers 200 (already done) or 503 (being published: Slack
    // tries again later, and then gets 200). Either way, one answer.
    const twice = mention("config set units imperial");
    const deliveries = await Promise.all(slackbots.map((_, index) => cluster.deliver(slackbots, index, twice)));
    assert.deepEqual(deliveries, [true, true]);

    // 200 events spread over both replicas.
    const events = Array.from({ length: 200 }, (_, index) => mention(`config show #${index}`));
    const acknowledged = await Promise.all(
      events.map(async (event, index) => (await cluster.sendEvent(slackbots[index % 2], event)).status === 200),
    );
    const all = [twice, ...events];
    await waitFor(
      "an answer to every event",
      () => countAnswers(cluster.slack.posts, all).answered === all.length,
      180_000,
    );
    // A last event through the same path: what was still on its way (a second answer) lands before it.
    const last = mention("help");
    await cluster.sendEvent("slackbot-2", last);
    await waitFor("the last answer", () => countAnswers(cluster.slack.posts, [last]).answered === 1, 60_000);
    const counts = countAnswers(cluster.slack.posts, all);
    t.diagnostic(
      `sent ${all.length} events (one of them to both replicas), acknowledged ${acknowledged.filter(Boolean).length + deliveries.filter(Boolean).length} of ${all.length + 1} deliveries, answered ${counts.answered}, duplicated ${counts.duplicated}, lost ${counts.lost}`,
    );
    assert.equal(acknowledged.filter(Boolean).length, 200);
    assert.deepEqual({ duplicated: counts.duplicated, lost: counts.lost }, { duplicated: 0, lost: 0 });

    // /chat from either replica.
    for (const replica of [...slackbots, ...slackbots]) {
      const response = await cluster.chat(replica, "U0CLUSTER2", "help");
      const body = await response.text();
      assert.equal(response.status, 200, `${replica}: ${body}`);
      assert.match((JSON.parse(body) as { text: string }).text, /what I can do/);
    }

    // SIGTERM: the launcher exits 0, no process it started is left, no port is open.
    const exit = await cluster.stop();
    assert.deepEqual(exit, { code: 0, signal: null }, cluster.output().slice(-2000));
    for (const [id, pid] of Object.entries(cluster.pids))
      assert.equal(alive(pid), false, `${id} (pid ${pid}) still runs`);
    for (const [id, url] of Object.entries(cluster.urls))
      assert.equal(await listening(url), false, `${id} listens at ${url}`);
  });
});
