import assert from "node:assert/strict";
import { test } from "node:test";
import { setImmediate as nextTurn } from "node:timers/promises";
import { batchedDestination } from "../src/log-destination.ts";

test("the lines of one event-loop turn are written with one call, at the next turn", async () => {
  const writes: string[] = [];
  const destination = batchedDestination({ write: (data) => writes.push(data) });
  destination.write('{"a":1}\n');
  destination.write('{"b":2}\n');
  assert.deepEqual(writes, [], "nothing is written while the turn goes on");
  await nextTurn();
  assert.deepEqual(writes, ['{"a":1}\n{"b":2}\n']);
  destination.write('{"c":3}\n');
  await nextTurn();
  assert.deepEqual(writes, ['{"a":1}\n{"b":2}\n', '{"c":3}\n'], "a later line is written at its own next turn");
});

test("flushSync writes what is gathered at once (process exit), and nothing twice", async () => {
  const writes: string[] = [];
  const destination = batchedDestination({ write: (data) => writes.push(data) });
  destination.write("x\n");
  destination.flushSync();
  assert.deepEqual(writes, ["x\n"]);
  await nextTurn();
  assert.deepEqual(writes, ["x\n"]);
});
