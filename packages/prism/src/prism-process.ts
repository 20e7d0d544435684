import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import { freePort } from "./free-port.ts";

/** The repository root (this package sits at packages/prism). */
const ROOT = fileURLToPath(new URL("../../../", import.meta.url));

/** The Prism binary of the workspace (Prism 5.14.2). */
export const PRISM_BIN = `${ROOT}node_modules/.bin/prism`;

const WATCHDOG = fileURLToPath(new URL("./prism-watchdog.cjs", import.meta.url));
const LOG_LINES = 60;
const READY_TIMEOUT_MS = 60_000; // 2 cores shared with every workspace's tests under turbo
const STOP_TIMEOUT_MS = 3_000;

/** A running `prism mock` child process. */
export interface PrismProcess {
  /** Where Prism listens, e.g. `http://127.0.0.1:43121`. */
  url: string;
  pid: number;
  /** The last lines Prism printed (for error messages). */
  logs(): string[];
  /** Stops Prism (SIGTERM, SIGKILL after 3 s) and waits until it has exited. Safe to call twice. */
  stop(): Promise<void>;
}

const running = new Set<ChildProcess>();
process.once("exit", () => {
  for (const child of running) child.kill("SIGKILL");
});

function exited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

async function answers(url: string): Promise<boolean> {
  try {
    await (await fetch(url, { signal: AbortSignal.timeout(1_000) })).arrayBuffer();
    return true;
  } catch {
    return false;
  }
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (!exited(child)) {
    const done = once(child, "exit");
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), STOP_TIMEOUT_MS);
    await done;
    clearTimeout(timer);
  }
  running.delete(child);
}

async function startOnce(specFile: string, port: number): Promise<PrismProcess> {
  const lines: string[] = [];
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_OPTIONS: `--require "${WATCHDOG}"`,
    FORCE_COLOR: "0",
    NO_COLOR: "1",
    // Node hands NODE_V8_COVERAGE to every child unless the env names it: keep c8 off Prism itself
    NODE_V8_COVERAGE: undefined,
  };
  const child = spawn(PRISM_BIN, ["mock", specFile, "-h", "127.0.0.1", "-p", String(port), "--errors"], {
    env,
    stdio: ["pipe", "pipe", "pipe"],
  });
  running.add(child);
  const keep = (chunk: Buffer) => {
    for (const line of chunk.toString("utf8").split("\n")) {
      if (line.trim() === "") continue;
      lines.push(line);
      if (lines.length > LOG_LINES) lines.shift();
    }
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const url = `http://127.0.0.1:${port}`;
  const stop = () => stopChild(child);
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (!(await answers(url))) {
    if (exited(child) || Date.now() > deadline) {
      await stop();
      const why = exited(child) ? `exited (${child.exitCode ?? child.signalCode})` : "did not answer in 60 s";
      throw new Error(`prism mock ${specFile} ${why}:\n${lines.join("\n")}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { url, pid: child.pid ?? -1, logs: () => [...lines], stop };
}

/**
 * Starts `prism mock <spec> -h 127.0.0.1 -p <free port> --errors` and resolves once it answers HTTP.
 * Prism validates every request (its mock mode cannot turn that off) and, with `--errors`, answers 500
 * when its own mocked response breaks the spec. The child dies with us: `stop()`, an exit handler, and a
 * watchdog that exits Prism when our end of its stdin pipe closes (a crashed or killed test).
 */
export async function startPrism(specFile: string): Promise<PrismProcess> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnce(specFile, await freePort());
    } catch (error) {
      const taken = error instanceof Error && error.message.includes("EADDRINUSE");
      if (!taken || attempt === 3) throw error;
    }
  }
}
