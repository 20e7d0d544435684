import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, test } from "node:test";
import { type ChatSession, createChatSession } from "../src/chat-session.ts";
import { SERVICES } from "../src/layout.ts";
import { mainThreadCpuMs, watchEventLoop } from "./event-loop-watch.ts";
import { type E2e, mention, sleep, startE2e, waitFor } from "./harness.ts";

// Issue 10, findings 1 and 4, through the whole suite (one process, in-process bus): Slack's longest
// messages (40,000 characters) built to make a backtracking parser spin, sent as signed Slack events and
// through POST /chat. Every service's /health keeps answering within 100 ms meanwhile, each message gets
// exactly one sensible reply, and a place the weather service refuses (400) is answered at once, not retried.
//
// How "/health within 100 ms" is judged: the suite's services share this process's one event loop, so a
// /health request waits for whatever work holds the loop when it arrives; the suite's own share of its
// wait is at most the longest stretch the loop is held without a break. That stretch is measured
// directly (event-loop-watch.ts): a timer asks to run every 2 ms, and each gap between its runs counts
// as the smaller of its wall-clock time and the CPU time the main thread used in it. A parser spinning
// on a message (the old one spent seconds on one) holds the loop for as long as it computes, so both are
// long and the test fails. A /health round trip's wall-clock time is not judged: on a loaded 2-core
// machine the process waits for a core other programs hold, and round trips pass 100 ms with or without
// the bug; nor is the whole process's CPU time during a round trip, which on a slow machine adds up the
// many short tasks of the messages handled meanwhile (none of them blocks anything). A gap during which
// the process waited for a core is long by the clock but cheap in CPU, and one iteration of the loop
// runs only the callbacks that are ready (a few requests' worth, each far below a millisecond), so the
// measure cannot pass 100 ms by chance; the first test below shows it does catch a 200 ms block.

const TOO_LONG =
  "Sorry, that message is too long for me: I read commands of up to 4,000 characters. Write `help` to see what I can do.";
const SAY_WHERE = "Say where: `weather in <place>`, e.g. `weather in Berlin` (or just `weather` for your saved place).";
const PLACE_TOO_LONG =
  "Sorry, that place name is too long: I can look up names of up to 200 characters. Try a city, e.g. `weather in Paris`.";
/** The bound of the issue: the event loop, hence /health of every service, is never held longer (see above). */
const HEALTH_BOUND_MS = 100;

/** Text of exactly `length` characters: `prefix`, then `unit` repeated (cut to fit). */
const fill = (prefix: string, unit: string, length: number) =>
  prefix + unit.repeat(Math.ceil((length - prefix.length) / unit.length)).slice(0, length - prefix.length);

/** Slack's longest message, without the mention `<@BOT> ` the harness puts before it. */
const SLACK = 40_000 - "<@U0JEEVES1> ".length;

/** Over the cap: each answered TOO_LONG without being read. */
const SLACK_EVENTS: [name: string, text: string][] = [
  ["spaces", `help${" ".repeat(SLACK - 5)}x`],
  ["question marks", "?".repeat(SLACK)],
  ["`weather in` then question marks", fill("weather in ", "?", SLACK)],
  ["`in ` again and again", fill("weather ", "in ", SLACK)],
  ["dashes", fill("weather ", "--", SLACK)],
  ["spaces, then `in metric`", `weather${" ".repeat(SLACK - 16)}in metric`],
  ["unclosed links", fill("location set ", "<a:", SLACK)],
];

/** Lines sent through POST /chat, with the reply expected (text, or a pattern). */
const CHAT_LINES: [name: string, text: string, expected: string | RegExp][] = [
  ["`weather in` then question marks", fill("weather in ", "?", 4000), SAY_WHERE],
  ["`in ` again and again: a place the weather service refuses (400)", fill("weather ", "in ", 4000), PLACE_TOO_LONG],
  ["a command padded with spaces", `help${" ".repeat(3996)}`, /^Here is what I can do/],
  ["a 304-character place, units given", `weather in ${"Llanfair".repeat(38)} --metric`, PLACE_TOO_LONG],
  ["40,000 question marks: over POST /chat's 4,000", "?".repeat(40_000), /^\(Jeeves could not answer: 400/],
];

/**
 * Polls GET /health of every service, one request after the other and without a pause (so that one is
 * always in flight), and keeps each round trip's wall-clock time (for the diagnostics only, see above)
 * and status, until stopped.
 */
function pollHealth(e: E2e) {
  const seen: { service: string; ms: number; status: number }[] = [];
  let stopped = false;
  const running = (async () => {
    while (!stopped) {
      for (const service of SERVICES) {
        const started = performance.now();
        const response = await fetch(`${e.suite.layout.urls[service]}/health`);
        await response.arrayBuffer();
        seen.push({ service, ms: performance.now() - started, status: response.status });
      }
    }
  })();
  return {
    seen,
    async stop() {
      stopped = true;
      await running;
    },
  };
}

/** Sends each in turn, as a person or Slack would, and resolves with the answers in order. */
async function inTurn<T, R>(items: T[], send: (item: T) => Promise<R>): Promise<R[]> {
  const answers: R[] = [];
  for (const item of items) answers.push(await send(item));
  return answers;
}

/**
 * Sends the pathological messages, the Slack events one after the other while the chat lines go one
 * after the other beside them, then an ordinary event; resolves when each event has its reply.
 */
async function sendAll(e: E2e, chat: ChatSession) {
  const events = SLACK_EVENTS.map(([, text]) => mention(text));
  const ordinary = mention("help");
  const [acks, chats] = await Promise.all([
    inTurn(events, (event) => e.sendEvent(event)),
    inTurn(CHAT_LINES, ([, text]) => chat.send(text)),
  ]);
  const started = performance.now();
  const ack = await e.sendEvent(ordinary);
  const ordinaryAck = { status: ack.status, ms: performance.now() - started };
  await waitFor("a reply to every event", () =>
    [...events, ordinary].every((event) => e.slack.posts.some((p) => p.thread_ts === event.event.ts)),
  );
  return { events, ordinary, acks, chats, ordinaryAck };
}

describe("pathological messages through the whole suite", () => {
  test("the event-loop watch catches work that holds the loop for 200 ms of CPU", () => {
    const watch = watchEventLoop();
    // Synchronous, like a backtracking parser: 200 ms of the main thread's CPU, however long it takes.
    const start = mainThreadCpuMs();
    while (mainThreadCpuMs() - start < 200) {
      // spin
    }
    const blocking = watch.stop();
    assert.ok(blocking.longestMs > HEALTH_BOUND_MS, `held ${blocking.longestMs} ms`);
  });

  test("40,000-character messages: /health answers within 100 ms meanwhile, and each gets one reply", async (t) => {
    // Each exactly Slack's longest (one character more and the slackbot's spec refuses it with a 400).
    for (const [name, text] of SLACK_EVENTS) assert.equal(text.length, SLACK, name);
    const e = await startE2e(t, { bus: "memory" });
    const secret = await readFile(
      join(e.suite.layout.dataRoot, "tokendealer", "secrets", "jeeves-admin.secret"),
      "utf8",
    );
    const chat = createChatSession({
      slackbotUrl: e.suite.layout.urls.slackbot,
      tokendealerUrl: e.suite.layout.urls.tokendealer,
      clientId: "jeeves-admin",
      clientSecret: secret.trim(),
      user: "bertie",
    });
    // Once unmeasured: connections, tokens, users and lazily compiled code (validators, modules) are
    // made on first use; only handling the messages is measured after that.
    await sendAll(e, chat);
    const loop = watchEventLoop();
    const health = pollHealth(e);
    const sent = await sendAll(e, chat);
    await sleep(300); // a retry (there must be none) would post again within this
    await health.stop();
    const blocking = loop.stop();

    // /health of every service answered all the while, and never waited for the loop over the bound.
    const rounds = health.seen.length / SERVICES.length;
    assert.ok(rounds >= 3, `polled ${rounds} times`);
    const slowest = Math.max(...health.seen.map((h) => h.ms));
    t.diagnostic(
      `slowest /health ${Math.round(slowest)} ms (wall clock); event loop held at most ${Math.round(blocking.longestMs)} ms (${blocking.stretches} stretches)`,
    );
    assert.deepEqual(
      health.seen.filter((h) => h.status !== 200).map((h) => `${h.service}: ${h.status}`),
      [],
      "every /health answered 200",
    );
    assert.ok(
      blocking.longestMs <= HEALTH_BOUND_MS,
      `the event loop was held ${Math.round(blocking.longestMs)} ms at a stretch: /health waited that long (bound ${HEALTH_BOUND_MS} ms)`,
    );

    // Each message got one sensible reply, in its thread; a 400 of the weather service was not retried.
    for (const ack of [...sent.acks, sent.ordinaryAck]) assert.equal(ack.status, 200, "every event is acknowledged");
    // Slack's 3 s for the acknowledgement is not judged by the wall clock here (a loaded machine would fail
    // it by chance); the event-loop watch above is what shows nothing held the acknowledgement up.
    console.log(`# an ordinary event was acknowledged in ${Math.round(sent.ordinaryAck.ms)} ms`);
    for (const [index, event] of sent.events.entries()) {
      assert.deepEqual(
        e.slack.posts.filter((p) => p.thread_ts === event.event.ts).map((p) => p.text),
        [TOO_LONG],
        `40,000 characters of ${SLACK_EVENTS[index][0]}`,
      );
    }
    assert.equal(e.slack.posts.filter((p) => p.thread_ts === sent.ordinary.event.ts).length, 1);
    for (const [index, [name, , expected]] of CHAT_LINES.entries()) {
      if (typeof expected === "string") assert.equal(sent.chats[index], expected, name);
      else assert.match(sent.chats[index], expected, name);
    }
    assert.equal(await e.deadLetters("actions"), 0);
  });
});
