import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { once } from "node:events";
import { test } from "node:test";
import { alive, processName, processTree, pssKb, rssKb } from "../src/procs.ts";

test("processTree of this process holds it; a process that does not exist is not alive and holds no memory", () => {
  assert.ok(processTree([process.pid]).includes(process.pid));
  assert.equal(alive(process.pid), true);
  assert.ok(rssKb(process.pid) > 0);
  assert.ok(processName(process.pid).startsWith("node"));
  const missing = 2 ** 22 + 1;
  assert.equal(alive(missing), false);
  assert.equal(rssKb(missing), 0);
  assert.equal(pssKb(missing), 0);
  assert.deepEqual(processTree([missing], []), []);
});

test("pssKb counts the pages two node processes share once: their PSS sum is below their RSS sum", async () => {
  const child = spawn(process.execPath, ["-e", "console.log('up'); setTimeout(() => {}, 60_000)"], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  try {
    const timeout = AbortSignal.timeout(30_000);
    await once(child.stdout, "data", { signal: timeout });
    const pid = child.pid as number;
    for (const each of [process.pid, pid]) {
      assert.ok(pssKb(each) > 0, `PSS of ${each}`);
      assert.ok(pssKb(each) <= rssKb(each), `PSS of ${each} is at most its RSS`);
    }
    // node's own code is mapped by both: in the RSS of each, in the PSS of each only by half.
    assert.ok(pssKb(process.pid) + pssKb(pid) < rssKb(process.pid) + rssKb(pid));
  } finally {
    child.kill("SIGKILL");
  }
});
