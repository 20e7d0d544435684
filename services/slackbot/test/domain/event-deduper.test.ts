import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createEventDeduper } from "../../src/domain/event-deduper.ts";

function fakeClock(start = 1_000_000) {
  let t = start;
  return {
    now: () => t,
    advance: (ms: number) => {
      t += ms;
    },
  };
}

describe("createEventDeduper", () => {
  it("lets an event through once and drops Slack's retries (at once, after 1 and 5 minutes)", () => {
    const clock = fakeClock();
    const dedupe = createEventDeduper({ now: clock.now });
    assert.equal(dedupe.firstTime("Ev1"), true);
    assert.equal(dedupe.firstTime("Ev1"), false);
    clock.advance(60_000);
    assert.equal(dedupe.firstTime("Ev1"), false);
    clock.advance(5 * 60_000);
    assert.equal(dedupe.firstTime("Ev1"), false);
    assert.equal(dedupe.firstTime("Ev2"), true);
  });

  it("forgets an id once the TTL (from its first sighting) has passed", () => {
    const clock = fakeClock();
    const dedupe = createEventDeduper({ ttlMs: 10_000, now: clock.now });
    assert.equal(dedupe.firstTime("Ev1"), true);
    clock.advance(10_000);
    assert.equal(dedupe.firstTime("Ev1"), false, "remembered for the TTL; a repeat does not extend it");
    clock.advance(1);
    assert.equal(dedupe.firstTime("Ev1"), true);
    assert.equal(dedupe.firstTime("Ev1"), false);
  });

  it("defaults to a one-hour TTL", () => {
    const clock = fakeClock();
    const dedupe = createEventDeduper({ now: clock.now });
    dedupe.firstTime("Ev1");
    clock.advance(3_600_000);
    assert.equal(dedupe.firstTime("Ev1"), false);
    clock.advance(1);
    assert.equal(dedupe.firstTime("Ev1"), true);
  });

  it("drops expired ids from memory", () => {
    const clock = fakeClock();
    const dedupe = createEventDeduper({ ttlMs: 1_000, now: clock.now });
    for (let i = 0; i < 50; i++) dedupe.firstTime(`Ev${i}`);
    assert.equal(dedupe.size, 50);
    clock.advance(1_001);
    dedupe.firstTime("EvNew");
    assert.equal(dedupe.size, 1);
  });

  it("keeps at most `max` ids, evicting the oldest first", () => {
    const clock = fakeClock();
    const dedupe = createEventDeduper({ max: 3, now: clock.now });
    for (const id of ["Ev1", "Ev2", "Ev3", "Ev4"]) {
      assert.equal(dedupe.firstTime(id), true);
      clock.advance(1);
    }
    assert.equal(dedupe.size, 3);
    assert.equal(dedupe.firstTime("Ev2"), false);
    assert.equal(dedupe.firstTime("Ev4"), false);
    assert.equal(dedupe.firstTime("Ev1"), true, "the oldest was forgotten");
    assert.equal(dedupe.size, 3);
  });

  it("stays bounded under a flood of distinct ids", () => {
    const dedupe = createEventDeduper({ max: 1_000 });
    for (let i = 0; i < 20_000; i++) dedupe.firstTime(`Ev${i}`);
    assert.equal(dedupe.size, 1_000);
    assert.equal(dedupe.firstTime("Ev19999"), false);
    assert.equal(dedupe.firstTime("Ev0"), true);
  });

  it("forgets an id on request, so that a delivery whose handling failed counts as new", () => {
    const dedupe = createEventDeduper();
    assert.equal(dedupe.firstTime("Ev1"), true);
    dedupe.forget("Ev1");
    dedupe.forget("EvNeverSeen");
    assert.equal(dedupe.firstTime("Ev1"), true);
    assert.equal(dedupe.firstTime("Ev1"), false);
  });

  it("refuses a non-positive TTL or max", () => {
    assert.throws(() => createEventDeduper({ ttlMs: 0 }), RangeError);
    assert.throws(() => createEventDeduper({ max: 0 }), RangeError);
    assert.throws(() => createEventDeduper({ max: 1.5 }), RangeError);
  });
});
