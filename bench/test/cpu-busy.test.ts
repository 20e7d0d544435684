import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { test } from "node:test";
import { cpuShare, parseProcStat, withCpuShares } from "../src/cpu-busy.ts";

// user nice system idle iowait irq softirq steal guest guest_nice, as Linux 6 writes them.
const BEFORE = `cpu  3000 0 1000 8000 100 0 50 20 0 0
cpu0 2000 0 600 3000 50 0 30 10 0 0
cpu1 1000 0 400 5000 50 0 20 10 0 0
intr 123456 0 0
ctxt 99999
`;
const AFTER = `cpu  3900 0 1200 8300 100 0 70 30 0 0
cpu0 2700 0 780 3000 50 0 45 15 0 0
cpu1 1200 0 420 5300 50 0 25 15 0 0
intr 123999 0 0
`;

test("parseProcStat reads each cpuN line (not the machine-wide one): busy, steal and total ticks", () => {
  const cpus = parseProcStat(BEFORE);
  assert.deepEqual([...cpus.keys()], [0, 1]);
  assert.deepEqual(cpus.get(0), { busy: 2630, steal: 10, total: 2630 + 3000 + 50 + 10 });
  assert.deepEqual(cpus.get(1), { busy: 1420, steal: 10, total: 1420 + 5000 + 50 + 10 });
});

test("cpuShare: the busy and stolen share of the ticks between two readings", () => {
  const before = parseProcStat(BEFORE);
  const after = parseProcStat(AFTER);
  // cpu0: 700 + 180 + 15 busy, 5 stolen, nothing idle: 895 of 900 ticks.
  const cpu0 = cpuShare(before, after, 0);
  assert.equal(cpu0.busy.toFixed(1), ((100 * 895) / 900).toFixed(1));
  assert.equal(cpu0.steal.toFixed(2), ((100 * 5) / 900).toFixed(2));
  // cpu1: 225 busy, 300 idle, 5 stolen: 530 ticks.
  const cpu1 = cpuShare(before, after, 1);
  assert.equal(cpu1.busy.toFixed(1), ((100 * 225) / 530).toFixed(1));
  // A CPU the machine does not have, or no time between the readings: not a number, never a made-up 0.
  assert.ok(Number.isNaN(cpuShare(before, after, 7).busy));
  assert.ok(Number.isNaN(cpuShare(before, before, 0).busy));
});

test("withCpuShares returns the body's value and a share for each CPU asked for", async (t) => {
  if (!existsSync("/proc/stat")) {
    t.skip("no /proc/stat on this machine: skipped");
    return;
  }
  const { value, shares } = await withCpuShares([0], async () => {
    await new Promise((resolve) => setTimeout(resolve, 200));
    return "done";
  });
  assert.equal(value, "done");
  assert.ok(shares[0].busy >= 0 && shares[0].busy <= 100, `busy ${shares[0].busy}`);
  assert.ok(shares[0].steal >= 0 && shares[0].steal <= 100, `steal ${shares[0].steal}`);
});
