import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { mkdtemp, rename, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { mention, waitFor } from "../harness.ts";
import { countAnswers, requireClusterServers, startCluster } from "./cluster-harness.ts";

describe("fault: an actions process dies between handling a message and acking it", { timeout: 600_000 }, () => {
  it("the message delivered again is not answered twice", async (t) => {
    if (!(await requireClusterServers(t))) return;
    const folder = await mkdtemp(join(tmpdir(), "jeeves-crash-"));
    t.after(() => rm(folder, { recursive: true, force: true }));
    const crashFile = join(folder, "crash-before-ack");
    const cluster = await startCluster(t, { env: { BUS_FAULT_CRASH_BEFORE_ACK_FILE: crashFile } });
    const slackbots = ["slackbot-1", "slackbot-2"];
    const warmUp = mention("help");
    assert.ok(await cluster.deliver(slackbots, 0, warmUp));
    await waitFor("the warm-up answer", () => countAnswers(cluster.slack.posts, [warmUp]).answered === 1, 60_000);

    // The next chat message an actions replica handles crashes it after its reply is out, before the ack.
    // Written whole, then moved into place: no process reads it half written.
    await writeFile(`${crashFile}.tmp`, "chat.message.");
    await rename(`${crashFile}.tmp`, crashFile);
    const events = Array.from({ length: 20 }, (_, index) => mention(`config show #${index}`));
    const acknowledged = await Promise.all(events.map((event, index) => cluster.deliver(slackbots, index, event)));
    await waitFor("the crash", () => !existsSync(crashFile), 60_000);
    await waitFor("actions started again", () => /actions-\d is ready again/.test(cluster.output()), 120_000).catch(
      (error: Error) => {
        throw new Error(`${error.message}; the cluster said:\n${cluster.output().slice(-4000)}`);
      },
    );
    await waitFor(
      "an answer to every event",
      () => countAnswers(cluster.slack.posts, events).answered === events.length,
      120_000,
    );
    const last = mention("help");
    assert.ok(await cluster.deliver(slackbots, 1, last));
    await waitFor("the last answer", () => countAnswers(cluster.slack.posts, [last]).answered === 1, 60_000);

    const counts = countAnswers(cluster.slack.posts, events);
    const report = `sent ${events.length}, acknowledged ${acknowledged.filter(Boolean).length}, answered ${counts.answered}, duplicated ${counts.duplicated}, lost ${counts.lost}`;
    t.diagnostic(report);
    assert.match(cluster.output(), /actions-\d exited on SIGKILL/, "an actions replica crashed");
    assert.equal(acknowledged.filter(Boolean).length, events.length, report);
    assert.deepEqual({ duplicated: counts.duplicated, lost: counts.lost }, { duplicated: 0, lost: 0 }, report);
  });
});
