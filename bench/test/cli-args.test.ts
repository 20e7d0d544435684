import assert from "node:assert/strict";
import { test } from "node:test";
import { parseBenchArgs } from "../src/cli-args.ts";

test("defaults: both modes, 3 rounds of 5 s, every figure", () => {
  assert.deepEqual(parseBenchArgs([]), {
    only: undefined,
    modes: ["one-process", "separate"],
    rounds: 3,
    duration: 5,
    reportOnly: false,
    list: false,
    help: false,
  });
});

test("--only, --mode both, --rounds and --duration", () => {
  const args = parseBenchArgs([
    "--only",
    "get-user-json, users-page",
    "--mode",
    "both",
    "--rounds",
    "5",
    "--duration",
    "3",
  ]);
  assert.deepEqual(args.only, ["get-user-json", "users-page"]);
  assert.deepEqual(args.modes, ["one-process", "separate"]);
  assert.equal(args.rounds, 5);
  assert.equal(args.duration, 3);
});

test("fewer than 3 rounds, a wrong mode, a short duration or an unknown flag are refused with one line", () => {
  assert.throws(() => parseBenchArgs(["--rounds", "2"]), /--rounds must be an integer of at least 3/);
  assert.throws(() => parseBenchArgs(["--mode", "cluster"]), /--mode must be one-process, separate or both/);
  assert.throws(() => parseBenchArgs(["--duration", "0"]), /--duration must be at least 1 second/);
  assert.throws(() => parseBenchArgs(["--fast"]));
});
