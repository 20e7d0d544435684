import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { deferredLogger, MemoryBus } from "../src/index.ts";
import { BEHAVIOURS } from "./behaviours.ts";
import { bytes, captureLogger, deferred, memoryHarness, text, waitFor } from "./helpers.ts";

describe("in-process bus: shared behaviours", () => {
  for (const behaviour of BEHAVIOURS) {
    test(behaviour.name, async (t) => {
      const h = await memoryHarness();
      t.after(() => h.cleanup());
      await behaviour.run(h);
    });
  }
});

describe("in-process bus", () => {
  test("publish does not wait for handlers", async (t) => {
    const bus = new MemoryBus({ logger: captureLogger() });
    const release = deferred();
    t.after(async () => {
      release.resolve();
      await bus.close();
    });
    let started = false;
    await bus.subscribe("a.*", "g", async () => {
      started = true;
      await release.promise;
    });
    await bus.publish("a.b", bytes("x"));
    assert.equal(started, false, "the handler has not run yet when publish resolves");
    await waitFor("the handler", () => started);
  });

  test("alternates strictly between a group's subscribers and honours prefetch", async (t) => {
    const bus = new MemoryBus({ logger: captureLogger() });
    t.after(() => bus.close());
    const order: string[] = [];
    const release = deferred();
    await bus.subscribe(
      "n.*",
      "g",
      async (m) => {
        order.push(`A:${text(m.body)}`);
        await release.promise;
      },
      { prefetch: 1 },
    );
    await bus.subscribe(
      "n.*",
      "g",
      async (m) => {
        order.push(`B:${text(m.body)}`);
        await release.promise;
      },
      { prefetch: 1 },
    );
    for (const n of ["1", "2", "3", "4"]) await bus.publish("n.x", bytes(n));
    await waitFor("two running handlers", () => order.length === 2);
    assert.equal(bus.queued("g"), 2, "prefetch 1: the rest waits in the queue");
    release.resolve();
    await waitFor("all four", () => order.length === 4);
    assert.deepEqual(order, ["A:1", "B:2", "A:3", "B:4"]);
  });

  test("refuses wildcards in routing keys and bad options", async (t) => {
    const bus = new MemoryBus({ logger: captureLogger() });
    t.after(() => bus.close());
    await assert.rejects(bus.publish("a.*", bytes("x")), /no wildcards/);
    await assert.rejects(
      bus.subscribe("a.b*", "g", async () => {}),
      /whole words/,
    );
    await assert.rejects(
      bus.subscribe("a.b", "g", async () => {}, { maxAttempts: 0 }),
      /maxAttempts/,
    );
    await assert.rejects(bus.publish("alerts.due", { any: 1 }), /no payload message/);
  });

  test("a closed bus refuses to publish", async () => {
    const bus = new MemoryBus({ logger: captureLogger() });
    await bus.close();
    await assert.rejects(bus.publish("a.b", bytes("x")), /closed/);
  });
});

describe("in-process bus: close drains", () => {
  test("a handler running when close is called finishes; messages not started stay queued, none handled twice", async () => {
    const bus = new MemoryBus({ logger: captureLogger() });
    const started = deferred();
    const release = deferred();
    const handled: string[] = [];
    await bus.subscribe(
      "drain.*",
      "drain",
      async (m) => {
        if (handled.length === 0) started.resolve();
        if (text(m.body) === "first") await release.promise;
        handled.push(text(m.body));
      },
      { prefetch: 1 },
    );
    for (const body of ["first", "second", "third"]) await bus.publish("drain.job", bytes(body));
    await started.promise;
    let closed = false;
    const closing = bus.close().then(() => {
      closed = true;
    });
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(closed, false, "close waits for the running handler");
    release.resolve();
    await closing;
    assert.deepEqual(handled, ["first"], "the running handler finished; nothing else was started");
    assert.equal(bus.queued("drain"), 2, "the two not started are still queued");
  });

  test("a handler that fails after close was called leaves its retry queued, with no timer left running", async () => {
    const bus = new MemoryBus({ logger: captureLogger() });
    const started = deferred();
    const release = deferred();
    await bus.subscribe("fail.*", "fail", async () => {
      started.resolve();
      await release.promise;
      throw new Error("downstream closed");
    });
    await bus.publish("fail.job", bytes("x"));
    await started.promise;
    const closing = bus.close();
    release.resolve();
    await closing;
    assert.equal(bus.queued("fail"), 1, "kept for a retry, not lost");
    assert.equal(bus.deadLetters.length, 0);
  });
});

describe("deferredLogger", () => {
  test("writes to the first logger until use() hands it another", () => {
    const lines: string[] = [];
    const to = (name: string) => ({
      info: (_f: Record<string, unknown>, m: string) => lines.push(`${name} info ${m}`),
      warn: (_f: Record<string, unknown>, m: string) => lines.push(`${name} warn ${m}`),
      error: (_f: Record<string, unknown>, m: string) => lines.push(`${name} error ${m}`),
    });
    const deferred = deferredLogger(to("console"));
    deferred.logger.warn({}, "early");
    deferred.use(to("app"));
    deferred.logger.info({}, "later");
    deferred.logger.error({}, "worse");
    assert.deepEqual(lines, ["console warn early", "app info later", "app error worse"]);
  });
});
