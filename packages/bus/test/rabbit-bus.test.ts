import assert from "node:assert/strict";
import { describe, type TestContext, test } from "node:test";
import type { BusMessage, RabbitBus } from "../src/index.ts";
import { BEHAVIOURS } from "./behaviours.ts";
import {
  bytes,
  deferred,
  RABBIT_SKIP,
  type RabbitHarness,
  rabbitHarness,
  rabbitReachable,
  waitFor,
} from "./helpers.ts";

/** Runs `body` with a RabbitMQ harness; without a broker: fails under CI=true, else skips. */
async function withRabbit(t: TestContext, body: (h: RabbitHarness) => Promise<void>): Promise<void> {
  if (!(await rabbitReachable())) {
    if (process.env.CI === "true") assert.fail("RabbitMQ not reachable at 127.0.0.1:5672 (CI=true)");
    t.skip(RABBIT_SKIP);
    return;
  }
  const h = await rabbitHarness();
  t.after(() => h.cleanup());
  await body(h);
}

/** Drops a bus's TCP connection as a crash or a network cut would. */
function cutConnection(bus: RabbitBus): void {
  const model = bus.connection as unknown as { connection: { stream: { destroy(error: Error): void } } };
  model.connection.stream.destroy(new Error("connection cut by the test"));
}

describe("RabbitMQ bus: shared behaviours", () => {
  for (const behaviour of BEHAVIOURS) {
    test(behaviour.name, (t) => withRabbit(t, (h) => behaviour.run(h)));
  }
});

/** Whether Nagle's algorithm is off on a bus's socket (node keeps what setNoDelay was given under this symbol). */
function noDelay(bus: RabbitBus): boolean {
  const socket = (bus.connection as unknown as { connection: { stream: object } }).connection.stream;
  const state = Object.getOwnPropertySymbols(socket).find((symbol) => symbol.description === "kSetNoDelay");
  assert.ok(state, "node's socket no longer says whether Nagle's algorithm is off");
  return (socket as Record<symbol, unknown>)[state] === true;
}

describe("RabbitMQ bus", () => {
  test("its connection sends at once (Nagle's algorithm off): a publish and its confirm wait for no delayed ACK", (t) =>
    withRabbit(t, async (h) => {
      const bus = await h.rabbit();
      assert.equal(noDelay(bus), true);
      // Still so on the connection it makes after losing one.
      const lost = bus.connection;
      cutConnection(bus);
      await waitFor("the reconnection", () => bus.connection !== undefined && bus.connection !== lost);
      assert.equal(noDelay(bus), true);
    }));

  test("a message whose handler was still running when the connection died is redelivered", (t) =>
    withRabbit(t, async (h) => {
      const group = h.group("crash");
      const first = await h.rabbit({ reconnect: false });
      const started = deferred();
      const release = deferred();
      t.after(() => release.resolve());
      await first.subscribe("crash.*", group, async () => {
        started.resolve();
        await release.promise;
      });
      const publisher = await h.bus();
      await publisher.publish("crash.now", bytes("precious"), { id: "m-1" });
      await started.promise;
      cutConnection(first);
      const second = await h.bus();
      const got: BusMessage[] = [];
      await second.subscribe("crash.*", group, async (m) => {
        got.push(m);
      });
      await waitFor("the redelivery", () => got.length === 1);
      assert.equal(got[0].id, "m-1");
      assert.equal(new TextDecoder().decode(got[0].body), "precious");
      release.resolve(); // the first handler ends now; its ack cannot reach the broker
      await waitFor("the failed ack's log line", () => h.logs.some((l) => l.message.includes("could not ack")));
      assert.equal(await h.leftovers(group), 0, "acked once, by the second consumer");
    }));

  test("queuePrefix gives two buses on one exchange their own queues for the same group name", (t) =>
    withRabbit(t, async (h) => {
      const group = h.group("shared");
      const prefixed = `${h.group("p")}.`;
      const plain = await h.rabbit();
      const isolated = await h.rabbit({ queuePrefix: prefixed });
      h.group(`p.${group}`); // registered for cleanup: the prefixed queue is <prefix><group>
      const got = { plain: [] as string[], isolated: [] as string[] };
      await plain.subscribe("iso.*", group, async (m) => {
        got.plain.push(m.id);
      });
      await isolated.subscribe("iso.*", group, async (m) => {
        got.isolated.push(m.id);
      });
      for (const id of ["a", "b", "c"]) await plain.publish("iso.x", bytes(id), { id });
      await waitFor("both copies", () => got.plain.length === 3 && got.isolated.length === 3);
      assert.deepEqual(got.isolated, ["a", "b", "c"], "a separate queue: every message, not a share of them");
      assert.deepEqual(got.plain, ["a", "b", "c"]);
    }));

  test("reconnects after the connection drops, then consumes and publishes again", (t) =>
    withRabbit(t, async (h) => {
      const bus = await h.rabbit();
      const group = h.group("resilient");
      const got: string[] = [];
      await bus.subscribe("re.*", group, async (m) => {
        got.push(new TextDecoder().decode(m.body));
      });
      const before = bus.connection;
      cutConnection(bus);
      const other = await h.bus();
      await other.publish("re.one", bytes("from-other")); // waits in the durable queue
      await bus.publish("re.two", bytes("from-self")); // waits until reconnected, then confirms
      await waitFor("both messages after reconnecting", () => got.length === 2);
      assert.deepEqual(got.sort(), ["from-other", "from-self"]);
      assert.notEqual(bus.connection, before);
      assert.ok(h.logs.some((l) => l.message === "reconnected"));
    }));
});

describe("RabbitMQ bus: close drains", () => {
  test("the handler running when close is called finishes and is acked; the rest go to the next consumer, each handled once", (t) =>
    withRabbit(t, async (h) => {
      const group = h.group("drain");
      const first = await h.rabbit();
      const started = deferred();
      const release = deferred();
      t.after(() => release.resolve());
      const handled: string[] = [];
      await first.subscribe(
        "drain.*",
        group,
        async (m) => {
          started.resolve();
          await release.promise;
          handled.push(m.id);
        },
        { prefetch: 1 },
      );
      const publisher = await h.bus();
      for (const id of ["m-1", "m-2", "m-3"]) await publisher.publish("drain.job", bytes(id), { id });
      await started.promise;
      let closed = false;
      const closing = first.close().then(() => {
        closed = true;
      });
      await new Promise((resolve) => setImmediate(resolve));
      assert.equal(closed, false, "close waits for the running handler");
      release.resolve();
      await closing;
      assert.deepEqual(handled, ["m-1"], "only the running handler ran on the closed bus");
      assert.equal(await h.queued(group), 2, "m-1 was acked; the two not started are back in the queue");
      const second = await h.bus();
      const later: string[] = [];
      await second.subscribe("drain.*", group, async (m) => {
        later.push(m.id);
      });
      await waitFor("the two left", () => later.length === 2);
      assert.deepEqual([...handled, ...later].sort(), ["m-1", "m-2", "m-3"], "each message handled once");
      assert.equal(await h.leftovers(group), 0);
    }));
});
