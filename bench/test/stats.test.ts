import assert from "node:assert/strict";
import { test } from "node:test";
import type { Target } from "../src/figure.ts";
import { median, meets, percentile, summarize } from "../src/stats.ts";

const atLeast: Target = { op: ">=", value: 0.6, text: "≥ 0.6" };
const below: Target = { op: "<", value: 400, text: "< 400 MB" };

test("median: odd count takes the middle, even count the mean of the middle two, empty is NaN", () => {
  assert.equal(median([3, 1, 2]), 2);
  assert.equal(median([4, 1, 3, 2]), 2.5);
  assert.equal(median([7]), 7);
  assert.ok(Number.isNaN(median([])));
});

test("median does not reorder its input", () => {
  const values = [3, 1, 2];
  median(values);
  assert.deepEqual(values, [3, 1, 2]);
});

test("percentile: nearest rank, clamped to the first and last value", () => {
  const values = [15, 20, 35, 40, 50];
  assert.equal(percentile(values, 30), 20);
  assert.equal(percentile(values, 40), 20);
  assert.equal(percentile(values, 50), 35);
  assert.equal(percentile(values, 100), 50);
  assert.equal(percentile(values, 0), 15);
  assert.ok(Number.isNaN(percentile([], 50)));
});

test("meets compares as the target's operator says, the boundary included only for <= and >=", () => {
  assert.equal(meets(0.6, atLeast), true);
  assert.equal(meets(0.59, atLeast), false);
  assert.equal(meets(399.9, below), true);
  assert.equal(meets(400, below), false);
  assert.equal(meets(400, { op: "<=", value: 400, text: "" }), true);
  assert.equal(meets(400, { op: ">", value: 400, text: "" }), false);
});

test("summarize: median, spread (min, max) and met from the rounds; no met without a target", () => {
  const result = summarize({
    id: "x",
    title: "X",
    mode: "one-process",
    unit: "ratio",
    rounds: [0.7, 0.5, 0.62],
    target: atLeast,
  });
  assert.equal(result.median, 0.62);
  assert.deepEqual(result.spread, [0.5, 0.7]);
  assert.equal(result.met, true);
  assert.deepEqual(result.rounds, [0.7, 0.5, 0.62]);
  const untargeted = summarize({ id: "y", title: "Y", mode: "separate", unit: "ms", rounds: [3, 1, 2] });
  assert.equal(untargeted.met, undefined);
  assert.equal(untargeted.median, 2);
});

test("summarize: a median that misses the target is not met even when one round meets it", () => {
  const result = summarize({
    id: "x",
    title: "X",
    mode: "one-process",
    unit: "ratio",
    rounds: [0.9, 0.5, 0.55],
    target: atLeast,
  });
  assert.equal(result.met, false);
});
