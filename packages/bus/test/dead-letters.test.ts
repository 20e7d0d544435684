import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, type TestContext, test } from "node:test";
import {
  type Bus,
  type BusMessage,
  DeadLetterError,
  DeadLetterFolder,
  MemoryBus,
  PermanentError,
  RabbitDeadLetters,
  silentLogger,
} from "../src/index.ts";
import { bytes, RABBIT_SKIP, RABBIT_URL, rabbitHarness, rabbitReachable, text, waitFor } from "./helpers.ts";

const root = mkdtempSync(join(tmpdir(), "jeeves-dead-letters-"));
after(() => rmSync(root, { recursive: true, force: true }));
let folders = 0;

/**
 * A subscriber that fails while `down` is true (a permanent failure, or every attempt), records the
 * bodies it handled, and a marker message to know that everything before it was handled (prefetch 1:
 * one at a time, in order), so "exactly once" is checked without waiting for time to pass.
 */
async function flakyConsumer(bus: Bus, group: string, permanent: boolean) {
  const state = { down: true, handled: [] as string[], ids: [] as string[] };
  await bus.subscribe(
    "dl.*",
    group,
    async (message: BusMessage) => {
      if (text(message.body) !== "marker" && state.down) {
        if (permanent) throw new PermanentError("the weather service is down");
        throw new Error("the weather service is down");
      }
      state.handled.push(text(message.body));
      state.ids.push(message.id);
    },
    { prefetch: 1, maxAttempts: 2, retryDelayMs: 0 },
  );
  const drain = async (bus: Bus) => {
    await bus.publish("dl.marker", bytes("marker"));
    await waitFor("the marker", () => state.handled.at(-1) === "marker");
  };
  return { state, drain };
}

describe("in-process bus: dead letters in a folder", () => {
  test("a dead letter is kept as a file, listed, replayed once after the fault is gone; the count follows", async (t) => {
    const dir = join(root, `d${++folders}`);
    const bus = new MemoryBus({ logger: silentLogger, deadLetterDir: dir, replayPollMs: 50 });
    t.after(() => bus.close());
    const { state, drain } = await flakyConsumer(bus, "weather-asks", false);
    await bus.publish("dl.ask", bytes("weather in Paris"), { id: "m-1", headers: { who: "bertie" } });

    // The operator's CLI is another process: it only sees the folder.
    const cli = new DeadLetterFolder(dir);
    await waitFor("the dead letter file", () => cli.count() === 1);
    const [letter] = cli.list();
    assert.equal(letter.id, "m-1");
    assert.equal(letter.group, "weather-asks");
    assert.equal(letter.routingKey, "dl.ask");
    assert.equal(letter.attempts, 2);
    assert.equal(letter.reason, "the weather service is down");
    assert.deepEqual(letter.headers, { who: "bertie" });
    assert.match(letter.time, /^\d{4}-\d\d-\d\dT/);
    assert.equal(await bus.deadLetterCount(), 1);

    state.down = false;
    const request = cli.requestReplay(cli.find("m-1"));
    assert.equal(await cli.waitTaken(request, 10_000), true, "the running bus takes the replay request");
    await waitFor("the replayed message", () => state.handled.includes("weather in Paris"));
    await drain(bus);
    assert.deepEqual(
      state.handled.filter((body) => body !== "marker"),
      ["weather in Paris"],
      "handled exactly once",
    );
    assert.equal(state.ids[0], "m-1", "same message id");
    assert.equal(cli.count(), 0);
    assert.equal(await bus.deadLetterCount(), 0);
    assert.deepEqual(bus.deadLetters, []);
  });

  test("drop removes a dead letter; an unknown id is a clear error", async (t) => {
    const dir = join(root, `d${++folders}`);
    const bus = new MemoryBus({ logger: silentLogger, deadLetterDir: dir, replayPollMs: 50 });
    t.after(() => bus.close());
    await flakyConsumer(bus, "g", true);
    await bus.publish("dl.ask", bytes("a"), { id: "m-2" });
    const cli = new DeadLetterFolder(dir);
    await waitFor("the dead letter file", () => cli.count() === 1);
    assert.equal(cli.list()[0].attempts, 1, "a permanent failure is dead at once");
    cli.drop(cli.find("m-2"));
    assert.equal(cli.count(), 0);
    assert.throws(() => cli.find("m-2"), DeadLetterError);
  });

  test("a replay asked while the bus was down is taken when it starts", async (t) => {
    const dir = join(root, `d${++folders}`);
    const first = new MemoryBus({ logger: silentLogger, deadLetterDir: dir, replayPollMs: 50 });
    await flakyConsumer(first, "g", true);
    await first.publish("dl.ask", bytes("late"), { id: "m-3" });
    const cli = new DeadLetterFolder(dir);
    await waitFor("the dead letter file", () => cli.count() === 1);
    await first.close();
    const request = cli.requestReplay(cli.find("m-3"));
    assert.equal(await cli.waitTaken(request, 200), false, "nobody takes it while the bus is down");

    const second = new MemoryBus({ logger: silentLogger, deadLetterDir: dir, replayPollMs: 50 });
    t.after(() => second.close());
    const { state } = await flakyConsumer(second, "g", true);
    state.down = false;
    await waitFor("the replay", () => state.handled.includes("late"));
    assert.equal(await cli.waitTaken(request, 10_000), true);
  });
});

/** Runs `body` when RabbitMQ answers; without a broker: fails under CI=true, else skips. */
async function withRabbit(t: TestContext, body: () => Promise<void>): Promise<void> {
  if (!(await rabbitReachable())) {
    if (process.env.CI === "true") assert.fail("RabbitMQ not reachable at 127.0.0.1:5672 (CI=true)");
    t.skip(RABBIT_SKIP);
    return;
  }
  await body();
}

describe("RabbitMQ: dead letters of <group>.dead", () => {
  test("list keeps them; replay reaches the group once with the same id; drop removes; the count follows", (t) =>
    withRabbit(t, async () => {
      const h = await rabbitHarness();
      t.after(() => h.cleanup());
      const group = h.group("dead-letters");
      const bus = await h.rabbit();
      const { state, drain } = await flakyConsumer(bus, group, false);
      await bus.publish("dl.ask", bytes("weather in Paris"), { id: "r-1", headers: { who: "bertie" } });
      await bus.publish("dl.ask", bytes("weather in Rome"), { id: "r-2" });
      await waitFor("two dead letters", async () => (await bus.deadLetterCount()) === 2);

      const cli = await RabbitDeadLetters.connect({ url: RABBIT_URL, groups: [group] });
      t.after(() => cli.close());
      const listed = await cli.list();
      assert.deepEqual(listed.map((l) => [l.id, l.group, l.routingKey, l.attempts, l.reason]).sort(), [
        ["r-1", group, "dl.ask", 2, "the weather service is down"],
        ["r-2", group, "dl.ask", 2, "the weather service is down"],
      ]);
      assert.match(listed[0].time, /^\d{4}-\d\d-\d\dT/);
      assert.equal(await cli.count(), 2, "listing lost nothing");

      state.down = false;
      await cli.replay("r-1");
      await waitFor("the replayed message", () => state.handled.includes("weather in Paris"));
      await drain(bus);
      assert.deepEqual(
        state.handled.filter((body) => body !== "marker"),
        ["weather in Paris"],
      );
      assert.equal(state.ids[0], "r-1");
      assert.equal(await cli.count(), 1);

      await cli.drop("r-2");
      assert.equal(await cli.count(), 0);
      assert.equal(await bus.deadLetterCount(), 0);
      await assert.rejects(cli.replay("r-2"), DeadLetterError);
    }));
});

test("an unreachable broker is a clear error", async () => {
  await assert.rejects(
    RabbitDeadLetters.connect({ url: "amqp://guest:secret@127.0.0.1:1", groups: ["g"] }),
    (error: Error) =>
      error instanceof DeadLetterError && /cannot be reached/.test(error.message) && !error.message.includes("secret"),
  );
});
