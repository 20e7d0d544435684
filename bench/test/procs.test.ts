import assert from "node:assert/strict";
import { test } from "node:test";
import { alive, processName, processTree, rssKb } from "../src/procs.ts";

test("processTree of this process holds it; a process that does not exist is not alive and holds no memory", () => {
  assert.ok(processTree([process.pid]).includes(process.pid));
  assert.equal(alive(process.pid), true);
  assert.ok(rssKb(process.pid) > 0);
  assert.ok(processName(process.pid).startsWith("node"));
  const missing = 2 ** 22 + 1;
  assert.equal(alive(missing), false);
  assert.equal(rssKb(missing), 0);
  assert.deepEqual(processTree([missing], []), []);
});
