import assert from "node:assert/strict";
import {
  type BusMessage,
  type ChatMessage,
  PermanentError,
  publishChatMessage,
  publishReply,
  type Reply,
  RetryLaterError,
  subscribeChatMessages,
  subscribeReplies,
} from "../src/index.ts";
import { bytes, deferred, type Harness, sleep, text, waitFor } from "./helpers.ts";

/** One behaviour every bus implementation must show. */
export interface Behaviour {
  name: string;
  run(h: Harness): Promise<void>;
}

const RETRY_MS = 80;

/** The behaviours run against both the in-process and the RabbitMQ bus. */
export const BEHAVIOURS: Behaviour[] = [
  {
    name: "routes by topic pattern: * is one word, # is zero or more",
    async run(h) {
      const bus = await h.bus();
      const got: Record<string, string[]> = { star: [], hash: [], all: [] };
      const groups = { star: "chat.message.*", hash: "chat.#", all: "#" } as const;
      for (const [name, pattern] of Object.entries(groups)) {
        await bus.subscribe(pattern, h.group(name), async (m) => {
          got[name].push(m.routingKey);
        });
      }
      const keys = ["chat.message.slack", "chat.reply.slack", "chat.message.slack.extra", "alerts.due", "chat"];
      for (const key of keys) await bus.publish(key, bytes(key));
      await bus.publish("chat.message.zz", bytes("end")); // every group matches the marker; queues are FIFO
      await waitFor("the marker in every group", () => Object.values(got).every((k) => k.includes("chat.message.zz")));
      assert.deepEqual(got.star, ["chat.message.slack", "chat.message.zz"]);
      assert.deepEqual(got.hash, [
        "chat.message.slack",
        "chat.reply.slack",
        "chat.message.slack.extra",
        "chat",
        "chat.message.zz",
      ]);
      assert.deepEqual(got.all, [...keys, "chat.message.zz"]);
    },
  },
  {
    name: "delivers each message once per group, shared among the group's subscribers",
    async run(h) {
      const group = h.group("workers");
      const seen: string[][] = [[], []];
      for (const index of [0, 1]) {
        const bus = await h.bus();
        await bus.subscribe("jobs.*", group, async (m) => {
          seen[index].push(text(m.body));
        });
      }
      const publisher = await h.bus();
      const sent = Array.from({ length: 10 }, (_, i) => `job-${i}`);
      for (const body of sent) await publisher.publish("jobs.run", bytes(body));
      await waitFor("10 deliveries", () => seen[0].length + seen[1].length >= 10);
      await sleep(150);
      assert.deepEqual([...seen[0], ...seen[1]].sort(), [...sent].sort(), "each message exactly once");
      assert.ok(seen[0].length > 0 && seen[1].length > 0, `both subscribers work: ${seen[0].length}/${seen[1].length}`);
    },
  },
  {
    name: "gives every group its own copy",
    async run(h) {
      const bus = await h.bus();
      const got: Record<string, string[]> = { billing: [], audit: [] };
      for (const name of Object.keys(got)) {
        await bus.subscribe("orders.#", h.group(name), async (m) => {
          got[name].push(text(m.body));
        });
      }
      for (const body of ["a", "b", "c"]) await bus.publish("orders.created", bytes(body));
      await waitFor("3 messages in each group", () => got.billing.length === 3 && got.audit.length === 3);
      assert.deepEqual(got, { billing: ["a", "b", "c"], audit: ["a", "b", "c"] });
    },
  },
  {
    name: "round-trips a typed ChatMessage and Reply as protobuf",
    async run(h) {
      const bus = await h.bus();
      const messages: Array<[ChatMessage, BusMessage]> = [];
      const replies: Reply[] = [];
      await subscribeChatMessages(bus, h.group("actions"), async (value, raw) => {
        messages.push([value, raw]);
      });
      await subscribeReplies(bus, h.group("slackbot"), async (value) => {
        replies.push(value);
      });
      const message: ChatMessage = {
        message_id: "Ev0123ABCD",
        source: "slack",
        team: "T0123ABCD",
        channel: "D0456",
        user: "U0456EFGH",
        text: "weather in Paris",
        thread: "1700000000.000100",
        time: "2026-11-28T08:00:00.000Z",
      };
      const reply: Reply = {
        reply_to: "Ev0123ABCD",
        destination: "local",
        team: "local",
        channel: "c1",
        text: "Paris, FR: 12°C",
        time: "2026-11-28T08:00:01.000Z",
        user: "U0456EFGH",
      };
      await publishChatMessage(bus, message);
      await publishReply(bus, reply);
      await waitFor("the message and the reply", () => messages.length === 1 && replies.length === 1);
      assert.deepEqual(messages[0][0], message);
      assert.equal(messages[0][1].routingKey, "chat.message.slack");
      assert.equal(messages[0][1].id, "Ev0123ABCD", "the message id is the ChatMessage's message_id");
      assert.deepEqual(replies[0], reply, "no thread stays absent, user is kept");
      await assert.rejects(publishChatMessage(bus, { ...message, source: "sl.ack" }), /invalid source/);
    },
  },
  {
    name: "retries a failing handler with the same id and headers, then acks once",
    async run(h) {
      const bus = await h.bus();
      const group = h.group("flaky");
      const deliveries: BusMessage[] = [];
      await bus.subscribe(
        "work.*",
        group,
        async (m) => {
          deliveries.push(m);
          if (m.attempt < 3) throw new Error(`boom ${m.attempt}`);
        },
        { maxAttempts: 5, retryDelayMs: RETRY_MS },
      );
      await bus.publish("work.do", bytes("payload"), { id: "msg-1", headers: { trace: "t-1" } });
      await waitFor("3 deliveries", () => deliveries.length >= 3);
      await sleep(RETRY_MS * 3);
      assert.deepEqual(
        deliveries.map((m) => [m.attempt, m.id, m.routingKey, text(m.body), m.headers]),
        [1, 2, 3].map((attempt) => [attempt, "msg-1", "work.do", "payload", { trace: "t-1" }]),
      );
      assert.deepEqual(await h.deadLetters(group), []);
      assert.equal(await h.leftovers(group), 0, "nothing left to deliver: acked once");
      assert.ok(h.logs.some((l) => l.level === "warn" && l.fields.attempt === 1 && l.fields.id === "msg-1"));
    },
  },
  {
    name: "dead-letters a message after maxAttempts with its body intact, and logs it without the body",
    async run(h) {
      const bus = await h.bus();
      const group = h.group("doomed");
      let calls = 0;
      await bus.subscribe(
        "work.#",
        group,
        async () => {
          calls++;
          throw new Error("always");
        },
        { maxAttempts: 3, retryDelayMs: RETRY_MS },
      );
      const body = Uint8Array.from([0, 1, 2, 250, 255, 10]);
      await bus.publish("work.poison", body, { id: "poison-1" });
      await waitFor("a dead letter", async () => (await h.deadLetters(group)).length === 1);
      await sleep(RETRY_MS * 3);
      assert.equal(calls, 3, "delivered exactly maxAttempts times");
      assert.deepEqual(await h.deadLetters(group), [{ routingKey: "work.poison", body, attempt: 3, id: "poison-1" }]);
      const line = h.logs.find((l) => l.level === "error" && l.message.includes("dead-letter"));
      assert.ok(line, "a log line says so");
      assert.equal(line.fields.routingKey, "work.poison");
      assert.equal(line.fields.id, "poison-1");
      assert.equal(line.fields.attempt, 3);
      assert.ok(!JSON.stringify(h.logs).includes("250,255"), "no body in the logs");
    },
  },
  {
    name: "a PermanentError dead-letters the message at once, without retrying",
    async run(h) {
      const bus = await h.bus();
      const group = h.group("permanent");
      let calls = 0;
      await bus.subscribe(
        "work.*",
        group,
        async () => {
          calls++;
          throw new PermanentError("channel_not_found");
        },
        { maxAttempts: 5, retryDelayMs: RETRY_MS },
      );
      await bus.publish("work.lost", bytes("x"), { id: "perm-1" });
      await waitFor("a dead letter", async () => (await h.deadLetters(group)).length === 1);
      await sleep(RETRY_MS * 3);
      assert.equal(calls, 1, "delivered once: no retry for a permanent failure");
      assert.deepEqual(await h.deadLetters(group), [
        { routingKey: "work.lost", body: bytes("x"), attempt: 1, id: "perm-1" },
      ]);
      const line = h.logs.find((l) => l.level === "error" && l.message.includes("permanent"));
      assert.equal(line?.fields.error, "channel_not_found", "the log line gives the reason");
    },
  },
  {
    name: "retries wait longer each time (backoff), and a RetryLaterError sets its own wait",
    async run(h) {
      const bus = await h.bus();
      const group = h.group("backoff");
      const at: number[] = [];
      await bus.subscribe(
        "work.*",
        group,
        async (m) => {
          at.push(Date.now());
          if (m.attempt === 1) throw new Error("first");
          if (m.attempt === 2) throw new Error("second");
          if (m.attempt === 3) throw new RetryLaterError("rate limited", 50);
        },
        { maxAttempts: 5, retryDelayMs: 100, retryBackoff: 3 },
      );
      await bus.publish("work.slow", bytes("x"));
      // The waits the bus chose, as it logs them; the clock only shows that no retry came early (a loaded
      // machine makes waits longer, never shorter).
      const planned = () =>
        h.logs
          .filter((l) => l.message === "handler failed, will retry" && l.fields.group === group)
          .map((l) => l.fields.retryInMs);
      await waitFor("4 deliveries and 3 retries logged", () => at.length === 4 && planned().length === 3);
      assert.deepEqual(
        planned(),
        [100, 300, 50],
        "100 ms, then 100 × 3, then RetryLaterError's 50 (not the backoff's 900)",
      );
      const waits = at.slice(1).map((t, i) => t - at[i]);
      assert.ok(waits[0] >= 95, `first retry after 100 ms, was ${waits[0]}`);
      assert.ok(waits[1] >= 290, `second retry after 300 ms, was ${waits[1]}`);
      assert.ok(waits[2] >= 45, `third retry after 50 ms, was ${waits[2]}`);
    },
  },
  {
    name: "publish resolves once the message is held by the group's queue, which keeps it for later",
    async run(h) {
      const bus = await h.bus();
      const group = h.group("later");
      const unsubscribe = await bus.subscribe("late.*", group, async () => {});
      await unsubscribe();
      await bus.publish("late.one", bytes("kept"));
      assert.equal(await h.queued(group), 1, "queued as soon as publish resolved");
      const got: string[] = [];
      await bus.subscribe("late.*", group, async (m) => {
        got.push(text(m.body));
      });
      await waitFor("the kept message", () => got.length === 1);
      assert.deepEqual(got, ["kept"]);
    },
  },
  {
    name: "close waits for a running handler, and its message is acked only when it finished",
    async run(h) {
      const bus = await h.bus();
      const group = h.group("slow");
      const started = deferred();
      let finished = false;
      await bus.subscribe("slow.*", group, async () => {
        started.resolve();
        await sleep(300);
        finished = true;
      });
      await bus.publish("slow.job", bytes("x"));
      await started.promise;
      await bus.close();
      assert.equal(finished, true, "close resolved only after the handler");
      assert.equal(await h.leftovers(group), 0);
    },
  },
];
