import assert from "node:assert/strict";
import { describe, type TestContext, test } from "node:test";
import { CONSUMER_GROUP } from "@jeeves/actions";
import { LOCAL_CHAT_GROUP, REPLY_POSTER_GROUP } from "@jeeves/slackbot";
import { DEAD_LETTER_GROUPS, parseArgs, runDeadLetters } from "../src/dead-letters-cli.ts";
import { type E2e, mention, rabbitReachable, startE2e, waitFor } from "./harness.ts";

/** Runs `body` against the whole suite on `bus`; RabbitMQ tests fail under CI without a broker, else skip. */
async function withSuite(t: TestContext, bus: "memory" | "rabbitmq", body: (e: E2e) => Promise<void>) {
  if (bus === "rabbitmq" && !(await rabbitReachable())) {
    if (process.env.CI === "true") assert.fail("RabbitMQ not reachable at 127.0.0.1:5672 (CI=true)");
    t.skip("RabbitMQ not reachable at 127.0.0.1:5672: skipped");
    return;
  }
  await body(await startE2e(t, { bus }));
}

/** Runs the CLI as `npm run dead-letters -- <args>` would, in this process; answers its code and lines. */
async function cli(env: Record<string, string>, ...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runDeadLetters(args, env, { out: (line) => out.push(line), err: (line) => err.push(line) });
  return { code, out, err };
}

test("the CLI's groups are the services' groups", () => {
  assert.deepEqual([...DEAD_LETTER_GROUPS].sort(), [CONSUMER_GROUP, REPLY_POSTER_GROUP, LOCAL_CHAT_GROUP].sort());
});

test("the CLI's arguments", () => {
  assert.deepEqual(parseArgs(["list"]), { command: "list", groups: [] });
  assert.deepEqual(parseArgs(["replay", "x", "--group", "slackbot"]), {
    command: "replay",
    id: "x",
    groups: ["slackbot"],
  });
  assert.deepEqual(parseArgs(["drop", "x", "--group=actions"]), { command: "drop", id: "x", groups: ["actions"] });
  for (const bad of [[], ["replay"], ["list", "x"], ["drop", "a", "b"], ["replay", "x", "--group"], ["nuke"]]) {
    assert.ok("error" in parseArgs(bad), bad.join(" "));
  }
});

for (const bus of ["memory", "rabbitmq"] as const) {
  describe(`npm run dead-letters (${bus === "memory" ? "in-process bus" : "RabbitMQ"})`, () => {
    test("a reply dead-lettered while Slack was down is listed, replayed once Slack is back, and reaches the person once; drop removes", (t) =>
      withSuite(t, bus, async (e) => {
        // Slack down for every attempt (3): the reply goes to the slackbot group's dead letters.
        e.slack.script({ status: 500 }, { status: 500 }, { status: 500 });
        const failing = mention("help");
        await e.sendEvent(failing);
        await waitFor("the dead letter", async () => (await e.deadLetters("slackbot")) === 1);
        e.slack.script({ ok: false, error: "channel_not_found" });
        const lost = mention("help");
        await e.sendEvent(lost);
        await waitFor("the second dead letter", async () => (await e.deadLetters("slackbot")) === 2);
        if (bus === "memory") assert.equal(await e.suite.bus.deadLetterCount?.(), 2);

        const listed = await cli(e.deadLettersEnv, "list");
        assert.equal(listed.code, 0, listed.err.join("\n"));
        const rows = listed.out.filter((line) => line.includes("\tslackbot\tchat.reply.slack\t"));
        assert.equal(rows.length, 2, listed.out.join("\n"));
        assert.match(listed.out.at(-1) ?? "", /^2 dead letters/);
        const [first, second] = rows.map((row) => row.split("\t"));
        const replayId = first[5].includes("channel_not_found") ? second[0] : first[0];
        const dropId = replayId === first[0] ? second[0] : first[0];
        assert.match(first[3], /^attempts=\d$/);
        assert.match(first[4], /^\d{4}-\d\d-\d\dT/);
        assert.equal((await cli(e.deadLettersEnv, "list")).out.length, listed.out.length, "listing loses nothing");

        // Slack is back (the fake answers ok again): replay.
        const replayed = await cli(e.deadLettersEnv, "replay", replayId);
        assert.equal(replayed.code, 0, replayed.err.join("\n"));
        assert.match(replayed.out[0], /^replayed: /);
        const okIn = (thread: string) =>
          e.slack.posts.filter((p) => p.thread_ts === thread && p.status === 200 && p.ts !== undefined);
        await waitFor("the replayed reply", () => okIn(failing.event.ts).length === 1);
        // Another message answered after it: anything still on its way for the first thread came before.
        const later = mention("help");
        await e.sendEvent(later);
        await waitFor("the later reply", () => okIn(later.event.ts).length === 1);
        assert.equal(okIn(failing.event.ts).length, 1, "the person gets the reply once");

        const again = await cli(e.deadLettersEnv, "replay", replayId);
        assert.equal(again.code, 1);
        assert.match(again.err.join("\n"), new RegExp(`no dead letter with id ${replayId}`));

        const dropped = await cli(e.deadLettersEnv, "drop", dropId);
        assert.equal(dropped.code, 0, dropped.err.join("\n"));
        const empty = await cli(e.deadLettersEnv, "list");
        assert.match(empty.out.join("\n"), /no dead letters/);
        assert.equal(await e.suite.bus.deadLetterCount?.(), 0);
        assert.equal(okIn(lost.event.ts).length, 0, "a dropped reply is never posted");
      }));
  });
}
