import assert from "node:assert/strict";
import { test } from "node:test";
import { fixedRateSchedule, runPacer } from "../../src/slack/pacing.ts";

test("a fixed-rate schedule spaces requests 1000/rate ms apart", () => {
  const schedule = fixedRateSchedule(500, 2);
  assert.equal(schedule.total, 1000);
  assert.equal(schedule.offsetOf(0), 0);
  assert.equal(schedule.offsetOf(1), 2);
  assert.equal(schedule.offsetOf(999), 1998);
});

test("dueCount counts the requests due at an elapsed time, within the total", () => {
  const schedule = fixedRateSchedule(100, 1);
  assert.equal(schedule.dueCount(-1), 0);
  assert.equal(schedule.dueCount(0), 1);
  assert.equal(schedule.dueCount(9.99), 1);
  assert.equal(schedule.dueCount(10), 2);
  assert.equal(schedule.dueCount(990), 100);
  assert.equal(schedule.dueCount(5000), 100);
  // Rates whose interval is not a whole number of ms: exact ticks still count.
  const third = fixedRateSchedule(3, 1);
  assert.equal(third.dueCount(third.offsetOf(2)), 3);
});

test("the schedule refuses a rate or duration that is not positive", () => {
  assert.throws(() => fixedRateSchedule(0, 1));
  assert.throws(() => fixedRateSchedule(10, 0));
});

/** A fake clock: sleep advances time, optionally by more than asked (a busy process). */
function fakeClock(overshootMs = 0) {
  let now = 1000;
  return {
    clock: {
      now: () => now,
      sleep: async (ms: number) => {
        now += Math.max(ms, 0.25) + overshootMs;
      },
    },
    advance: (ms: number) => {
      now += ms;
    },
  };
}

test("the pacer sends every request with its due time, on time when the clock allows", async () => {
  const { clock } = fakeClock();
  const sends: [number, number, number][] = [];
  const run = await runPacer(fixedRateSchedule(100, 0.1), clock, (i, dueAt) => sends.push([i, dueAt, clock.now()]));
  assert.equal(run.start, 1000);
  assert.deepEqual(
    sends.map(([i]) => i),
    [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
  );
  for (const [i, dueAt, at] of sends) {
    assert.equal(dueAt, 1000 + i * 10);
    assert.ok(at >= dueAt && at - dueAt < 1, `request ${i} sent at ${at}, due ${dueAt}`);
  }
  assert.ok(run.maxLagMs < 1);
});

test("a late pacer catches up at once, keeping each request's due time (open loop)", async () => {
  // Each wait overshoots by 25 ms: requests fall due while the pacer sleeps and leave in bursts.
  const { clock } = fakeClock(25);
  const sends: { i: number; dueAt: number; at: number }[] = [];
  const run = await runPacer(fixedRateSchedule(100, 0.1), clock, (i, dueAt) =>
    sends.push({ i, dueAt, at: clock.now() }),
  );
  assert.equal(sends.length, 10);
  assert.deepEqual(
    sends.map((send) => send.dueAt),
    sends.map((send) => 1000 + send.i * 10),
  );
  assert.ok(
    sends.some((send) => send.at - send.dueAt >= 10),
    "some requests left late",
  );
  assert.equal(run.maxLagMs, Math.max(...sends.map((send) => send.at - send.dueAt)));
});

test("a send that takes time does not delay the due times of the next ones", async () => {
  const { clock, advance } = fakeClock();
  const due: number[] = [];
  await runPacer(fixedRateSchedule(1000, 0.01), clock, (_i, dueAt) => {
    due.push(dueAt);
    advance(3);
  });
  assert.deepEqual(
    due,
    Array.from({ length: 10 }, (_, i) => 1000 + i),
  );
});
