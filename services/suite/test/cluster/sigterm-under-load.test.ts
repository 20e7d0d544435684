import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { signedSlackRequest } from "@jeeves/slackbot/testing";
import { mention, waitFor } from "../harness.ts";
import {
  countAnswers,
  postEventOnce,
  requireClusterServers,
  type SendOutcome,
  startCluster,
} from "./cluster-harness.ts";

const EVENTS = 300;

/** A connection reset before any answer. */
function isReset(outcome: SendOutcome): boolean {
  return "lost" in outcome && outcome.lost === "ECONNRESET";
}
const IN_FLIGHT = 20;

describe("fault: SIGTERM to a service under load", { timeout: 600_000 }, () => {
  it("loses no request it accepted: a slackbot and an actions replica stopped mid-load, every acknowledged event answered once", async (t) => {
    if (!(await requireClusterServers(t))) return;
    const cluster = await startCluster(t);
    const slackbots = ["slackbot-1", "slackbot-2"];
    const events = Array.from({ length: EVENTS }, (_, index) => mention(`config show #${index}`));
    const outcomes: SendOutcome[] = [];
    let next = 0;
    let signalled = false;
    const sender = async () => {
      while (next < events.length) {
        const index = next++;
        if (index === EVENTS / 3 && !signalled) {
          signalled = true;
          process.kill(cluster.pids["slackbot-1"], "SIGTERM");
          process.kill(cluster.pids["actions-1"], "SIGTERM");
        }
        // As Slack: a refused connection (the replica is gone) is sent again, to the other replica.
        for (let attempt = 0; attempt < 4; attempt++) {
          const request = signedSlackRequest(cluster.signingSecret, events[index]);
          const outcome = await postEventOnce(
            cluster.urls[slackbots[(index + attempt) % 2]],
            request.headers,
            request.payload,
          );
          outcomes.push(outcome);
          // Sent again, as Slack does: a refused connection, a 503 (the replica is draining), and a connection
          // reset before any answer (it was still in the listen queue when the replica closed its listener:
          // never read, never accepted; the event's answer count below shows it was not handled either).
          const again = "refused" in outcome || ("status" in outcome && outcome.status === 503) || isReset(outcome);
          if (!again) break;
        }
      }
    };
    await Promise.all(Array.from({ length: IN_FLIGHT }, sender));
    const accepted = outcomes.filter((outcome) => "status" in outcome);
    const resets = outcomes.filter(isReset);
    const lostRequests = outcomes.filter((outcome) => "lost" in outcome && !isReset(outcome));
    const summary = () => {
      const counts = countAnswers(cluster.slack.posts, events);
      const statuses = [...new Set(accepted.map((outcome) => ("status" in outcome ? outcome.status : 0)))].join("/");
      const acknowledged = accepted.filter((outcome) => "status" in outcome && outcome.status === 200).length;
      const refused = outcomes.length - accepted.length - lostRequests.length - resets.length;
      return `sent ${EVENTS} (${outcomes.length} requests), acknowledged ${acknowledged} (statuses ${statuses}), refused ${refused}, reset unread ${resets.length}, requests lost ${lostRequests.length}, answered ${counts.answered}, duplicated ${counts.duplicated}, lost ${counts.lost}`;
    };
    try {
      await waitFor(
        "an answer to every event",
        () => countAnswers(cluster.slack.posts, events).answered === EVENTS,
        180_000,
      );
      const last = mention("help");
      assert.ok(await cluster.deliver(slackbots, 1, last));
      await waitFor("the last answer", () => countAnswers(cluster.slack.posts, [last]).answered === 1, 60_000);
    } finally {
      t.diagnostic(summary());
      const lines = cluster.output().split("\n");
      t.diagnostic(lines.filter((line) => line.startsWith("cluster:")).join(" | "));
    }
    const counts = countAnswers(cluster.slack.posts, events);
    const report = summary();
    assert.deepEqual(lostRequests, [], report);
    assert.ok(
      accepted.every((outcome) => "status" in outcome && (outcome.status === 200 || outcome.status === 503)),
      report,
    );
    assert.deepEqual({ duplicated: counts.duplicated, lost: counts.lost }, { duplicated: 0, lost: 0 }, report);
    assert.match(cluster.output(), /slackbot-1 exited with code 0/, "slackbot-1 drained and exited 0");
    assert.match(cluster.output(), /actions-1 exited with code 0/, "actions-1 drained and exited 0");
  });
});
