/**
 * Child processes of the standalone figures: started pinned to one CPU (`taskset -c`), with their output
 * kept for an error message, waited for over HTTP, and stopped within a bounded time.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { REPO_ROOT } from "../spawn-pinned.ts";

/** A started child: the process and the last lines it wrote (stdout and stderr). */
export interface Pinned {
  child: ChildProcess;
  /** The last 50 lines of output, for an error message. */
  tail(): string;
  /** Resolves with the exit code once the process ended. */
  exited: Promise<number | null>;
}

/**
 * Starts `node --import tsx <script> ...args` from the repository root, pinned to `cpu` with
 * `taskset -c`. `onLine` sees each stdout line (the workers answer in JSON lines).
 */
export function startPinned(
  cpu: number,
  script: string,
  options: { args?: string[]; env?: Record<string, string | undefined>; onLine?(line: string): void } = {},
): Pinned {
  const child = spawn(
    "taskset",
    ["-c", String(cpu), process.execPath, "--import", "tsx", script, ...(options.args ?? [])],
    {
      cwd: REPO_ROOT,
      env: options.env ?? process.env,
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  const lines: string[] = [];
  const keep = (text: string) => {
    lines.push(text);
    if (lines.length > 50) lines.shift();
  };
  let pending = "";
  child.stdout?.setEncoding("utf8").on("data", (chunk: string) => {
    pending += chunk;
    const parts = pending.split("\n");
    pending = parts.pop() ?? "";
    for (const line of parts) {
      keep(line);
      options.onLine?.(line);
    }
  });
  child.stderr?.setEncoding("utf8").on("data", (chunk: string) => {
    for (const line of chunk.split("\n")) if (line) keep(line);
  });
  const exited = once(child, "exit").then(([code]) => code as number | null);
  return { child, tail: () => lines.join("\n"), exited };
}

/** Stops `pinned`: SIGTERM, then SIGKILL when it has not exited after `graceMs`. */
export async function stopPinned(pinned: Pinned | undefined, graceMs = 5_000): Promise<void> {
  if (!pinned || pinned.child.exitCode !== null || pinned.child.signalCode !== null) return;
  pinned.child.kill("SIGTERM");
  let timer: NodeJS.Timeout | undefined;
  const killed = new Promise<void>((resolve) => {
    timer = setTimeout(() => {
      pinned.child.kill("SIGKILL");
      resolve();
    }, graceMs);
  });
  await Promise.race([pinned.exited, killed]);
  clearTimeout(timer);
  await pinned.exited;
}

/** Waits until `url` answers 200, at most `timeoutMs`; throws with the process's output otherwise. */
export async function waitForOk(url: string, pinned: Pinned, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (pinned.child.exitCode !== null)
      throw new Error(`exited with ${pinned.child.exitCode} before ${url} answered:\n${pinned.tail()}`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      if (response.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${url} did not answer 200 within ${timeoutMs} ms:\n${pinned.tail()}`);
}
