import { type ChildProcess, spawn } from "node:child_process";
import { closeSync, openSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** The repository root (this file sits at bench/src). */
export const REPO_ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** Process groups the benchmark started and has not stopped yet: killed if the benchmark itself exits. */
const liveGroups = new Set<number>();
process.once("exit", () => {
  for (const group of liveGroups) killGroup(group, "SIGKILL");
});

/** Sends `signal` to the whole process group `group`; false when it is gone already. */
export function killGroup(group: number, signal: NodeJS.Signals): boolean {
  try {
    process.kill(-group, signal);
    return true;
  } catch {
    return false;
  }
}

/** Forgets a group once it is stopped (no kill at exit). */
export function forgetGroup(group: number): void {
  liveGroups.delete(group);
}

/** Options of {@link spawnPinned}. */
export interface PinnedOptions {
  cwd?: string;
  env?: Record<string, string | undefined>;
  /** A file the child's stdout and stderr go to (appended); default: discarded. */
  logFile?: string;
  /** Pipe stdout back to the caller (for a child that answers on stdout) instead of the log file. */
  pipeStdout?: boolean;
}

/**
 * Spawns `command args` pinned to `cpu` (`taskset -c`), in a process group of its own (so that it and
 * every process it starts can be stopped at once). Its output goes to a file, never through a pipe the
 * benchmark would have to drain under load.
 */
export function spawnPinned(cpu: number, command: string, args: string[], options: PinnedOptions = {}): ChildProcess {
  const log = options.logFile ? openSync(options.logFile, "a") : "ignore";
  const child = spawn("taskset", ["-c", String(cpu), command, ...args], {
    cwd: options.cwd ?? REPO_ROOT,
    env: options.env ?? process.env,
    detached: true,
    stdio: ["ignore", options.pipeStdout ? "pipe" : log, log],
  });
  if (typeof log === "number") closeSync(log);
  if (child.pid) liveGroups.add(child.pid);
  return child;
}
