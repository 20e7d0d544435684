import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { mention, waitFor } from "../harness.ts";
import { countAnswers, rabbitmqctl, rabbitmqctlWorks, requireClusterServers, startCluster } from "./cluster-harness.ts";

const EVENTS = 1_000;
/** Events sent at once (Slack sends many in parallel; the replicas acknowledge each at once). */
const IN_FLIGHT = 40;

describe("fault: RabbitMQ closes every connection of the cluster", { timeout: 900_000 }, () => {
  it("while 1,000 Slack events are in flight across the replicas, answers every event exactly once", async (t) => {
    if (!(await requireClusterServers(t))) return;
    if (!(await rabbitmqctlWorks())) {
      if (process.env.CI === "true") throw new Error("rabbitmqctl does not reach the broker: CI must run this test");
      t.skip("rabbitmqctl does not reach the broker here");
      return;
    }
    const cluster = await startCluster(t, { vhost: true });
    const slackbots = ["slackbot-1", "slackbot-2"];
    const events = Array.from({ length: EVENTS }, (_, index) => mention(`config show #${index}`));
    let sent = 0;
    let acknowledged = 0;
    let closed: Promise<string> | undefined;
    const sender = async () => {
      while (sent < events.length) {
        const index = sent++;
        if (index === Math.floor(EVENTS / 3)) {
          // A third of the way in, with events in every stage (acknowledged, queued, handled, replied).
          closed = rabbitmqctl("close_all_connections", "-p", cluster.vhost as string, "fault test");
        }
        if (await cluster.deliver(slackbots, index, events[index])) acknowledged += 1;
      }
    };
    await Promise.all(Array.from({ length: IN_FLIGHT }, sender));
    await closed;
    const report = () => {
      const counts = countAnswers(cluster.slack.posts, events);
      return `sent ${EVENTS}, acknowledged ${acknowledged}, answered ${counts.answered}, duplicated ${counts.duplicated}, lost ${counts.lost}`;
    };
    try {
      await waitFor(
        "an answer to every event",
        () => countAnswers(cluster.slack.posts, events).answered === EVENTS,
        300_000,
      );
      // A last event through the same path: a late second answer would land before it.
      const last = mention("help");
      await cluster.deliver(slackbots, 0, last);
      await waitFor("the last answer", () => countAnswers(cluster.slack.posts, [last]).answered === 1, 60_000);
    } finally {
      t.diagnostic(report());
    }
    const counts = countAnswers(cluster.slack.posts, events);
    assert.equal(acknowledged, EVENTS, report());
    assert.deepEqual({ duplicated: counts.duplicated, lost: counts.lost }, { duplicated: 0, lost: 0 }, report());
    assert.match(cluster.output(), /Jeeves is running/);
  });
});
