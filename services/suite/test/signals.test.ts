import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import { portOpen } from "../src/cluster/infrastructure.ts";
import { portVariable, SERVICES } from "../src/layout.ts";

const cwd = fileURLToPath(new URL("../", import.meta.url));

/** Whether something accepts a TCP connection on the port now. */
const accepts = (port: number) => portOpen("127.0.0.1", port);

/** The processes whose parent is `pid` (Linux /proc; none where there is no /proc). */
function childrenOf(pid: number): number[] {
  if (!existsSync("/proc")) return [];
  const children: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // pid (comm) state ppid …: comm may hold spaces, so read after its closing parenthesis.
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      if (ppid === pid) children.push(Number(entry));
    } catch {
      // Gone meanwhile.
    }
  }
  return children;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    const stat = existsSync(`/proc/${pid}/stat`) ? readFileSync(`/proc/${pid}/stat`, "utf8") : "";
    return !/^\d+ \(.*\) Z/.test(stat); // a zombie waiting for its reaper is gone for our purpose
  } catch {
    return false;
  }
}

async function until(what: string, check: () => boolean, shown: () => string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}\n${shown()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe("npm start on SIGTERM", () => {
  test("closes every service, the bus and the mock, exits 0, and leaves every port it printed closed", async (t) => {
    const dataRoot = await mkdtemp(join(tmpdir(), "jeeves-signals-"));
    t.after(() => rm(dataRoot, { recursive: true, force: true }));
    const env: Record<string, string | undefined> = {
      ...process.env,
      JEEVES_DATA_DIR: `${dataRoot}/`,
      ...Object.fromEntries(SERVICES.map((name) => [portVariable(name), "0"])),
      OPENWEATHER_MOCK_PORT: "0",
      OPENWEATHER_API_KEY: "",
      OPENWEATHER_URL: "",
      BUS_URL: "",
      DATABASE_URL: "",
      REDIS_URL: "",
      LOG_LEVEL: "info",
    };
    delete env.NODE_TEST_CONTEXT;
    // As the root's `npm start` runs it: the launcher, which bundles the suite if it must, then runs dist/main.js.
    const child = spawn(process.execPath, ["bin/start.js"], {
      cwd,
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    t.after(() => {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    });
    const out = { stdout: "", stderr: "" };
    child.stdout.on("data", (chunk) => (out.stdout += chunk));
    child.stderr.on("data", (chunk) => (out.stderr += chunk));
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    const shown = () => `stdout:\n${out.stdout}\nstderr:\n${out.stderr}`;
    await until("the summary", () => out.stderr.includes("Stop: Ctrl-C"), shown);

    const ports = [...out.stderr.matchAll(/http:\/\/127\.0\.0\.1:(\d+)/g)].map((match) => Number(match[1]));
    const printed = [...new Set(ports)];
    assert.equal(printed.length, SERVICES.length + 1, `every service and the mock print their port\n${shown()}`);
    for (const port of printed) assert.equal(await accepts(port), true, `listening on ${port}`);
    const children = childrenOf(child.pid!);

    child.kill("SIGTERM");
    assert.equal(await exited, 0, shown());
    for (const port of printed) assert.equal(await accepts(port), false, `port ${port} is closed`);
    const lines = out.stdout
      .split("\n")
      .filter((line) => line.startsWith("{"))
      .map((line) => JSON.parse(line) as { service?: string; msg?: string });
    const own = lines.filter((line) => line.service === "jeeves").map((line) => line.msg ?? "");
    assert.equal(own.length, 2, `one line when the signal arrives, one when stopped\n${shown()}`);
    assert.equal(own[0], "SIGTERM: stopping (taking no new work, finishing what is in flight)");
    assert.match(own[1], /^stopped in \d+ ms$/);
    // The suite spawns nothing itself; whatever the launcher started (the bundler, esbuild's service) ends with it.
    await until("the children to end", () => children.every((pid) => !alive(pid)), shown, 10_000);
  });
});
