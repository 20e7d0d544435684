import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { once } from "node:events";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { ConfigError } from "../src/config.ts";
import { applyHeapGrowth, DEFAULT_HEAP_GROWING_PERCENT, heapGrowingPercent } from "../src/heap-growth.ts";
import { runMain } from "../src/run-main.ts";

const PROBE = fileURLToPath(new URL("./fixtures/heap-growth-process.ts", import.meta.url));

test("HEAP_GROWING_PERCENT takes a whole number 0-900 and nothing else", () => {
  assert.equal(heapGrowingPercent("0"), 0);
  assert.equal(heapGrowingPercent("150"), 150);
  assert.equal(heapGrowingPercent("900"), 900);
  for (const bad of ["abc", "-1", "1.5", "901", "1e2", " 150", "0x10", "1000"]) {
    assert.throws(() => heapGrowingPercent(bad), /whole number 0-900/, bad);
  }
});

test("applyHeapGrowth sets V8's flag from HEAP_GROWING_PERCENT, 150 by default, none at 0", () => {
  const set: string[] = [];
  const record = (flags: string) => set.push(flags);
  assert.equal(applyHeapGrowth({}, record), DEFAULT_HEAP_GROWING_PERCENT);
  assert.equal(applyHeapGrowth({ HEAP_GROWING_PERCENT: "" }, record), 150);
  assert.equal(applyHeapGrowth({ HEAP_GROWING_PERCENT: "40" }, record), 40);
  assert.deepEqual(set, ["--heap-growing-percent=150", "--heap-growing-percent=150", "--heap-growing-percent=40"]);
  assert.equal(applyHeapGrowth({ HEAP_GROWING_PERCENT: "0" }, record), 0);
  assert.equal(set.length, 3, "0 leaves V8's own choice: no flag set");
  assert.throws(
    () => applyHeapGrowth({ HEAP_GROWING_PERCENT: "lots" }, record),
    (error: unknown) => error instanceof ConfigError && /HEAP_GROWING_PERCENT="lots"/.test(error.message),
  );
  assert.equal(set.length, 3);
});

test("a start with a bad HEAP_GROWING_PERCENT stops before the service starts, naming the variable", async () => {
  let written = "";
  let exitCode: number | undefined;
  let started = false;
  await runMain(
    "probe",
    async () => {
      started = true;
    },
    { env: { HEAP_GROWING_PERCENT: "2000" }, write: (text) => (written += text), exit: (code) => (exitCode = code) },
  );
  assert.equal(started, false);
  assert.equal(exitCode, 1);
  assert.match(written, /^probe: .*HEAP_GROWING_PERCENT="2000": must be a whole number 0-900/m);
});

/** Starts the probe process (runMain, then one full collection) and answers the factors V8 printed. */
async function appliedFactors(env: Record<string, string | undefined>): Promise<string[]> {
  const child = spawn(process.execPath, ["--trace-gc-verbose", "--expose-gc", "--import", "tsx", PROBE], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => (output += chunk));
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (output += chunk));
  const timer = setTimeout(() => child.kill("SIGKILL"), 60_000);
  const [code] = (await once(child, "exit")) as [number | null];
  clearTimeout(timer);
  assert.equal(code, 0, output.slice(-2000));
  assert.doesNotMatch(output, /unrecognized flag/, "V8 knows the flag");
  return [...output.matchAll(/\[HeapController\] Limit: old size: \d+ KB, new limit: \d+ KB \(([\d.]+)\)/g)].map(
    (match) => match[1] as string,
  );
}

test("a process started through runMain grows its heap by the factor set (V8's own trace of the limit)", async () => {
  const byDefault = await appliedFactors({ HEAP_GROWING_PERCENT: undefined });
  assert.ok(byDefault.length > 0, "the forced full collection printed a new limit");
  assert.equal(byDefault.at(-1), "2.5", "150 %: the limit is 2.5 times the heap left");
  const set = await appliedFactors({ HEAP_GROWING_PERCENT: "50" });
  assert.equal(set.at(-1), "1.5");
});
