import { setTimeout as sleep } from "node:timers/promises";
import { portOpen } from "./ports.ts";
import { alive, processTree } from "./procs.ts";
import { forgetGroup, killGroup } from "./spawn-pinned.ts";

/** How long the processes get to exit after SIGTERM before SIGKILL. */
const CLOSE_TIMEOUT_MS = 15_000;

/**
 * Stops the process groups `groups` (SIGTERM, then SIGKILL to whatever is left after 15 s), then checks
 * (bounded) that nothing listens on `ports` any more.
 */
export async function stopAll(groups: number[], ports: number[], progress: (line: string) => void): Promise<void> {
  const tree = processTree(groups);
  for (const group of [...groups].reverse()) killGroup(group, "SIGTERM");
  const deadline = Date.now() + CLOSE_TIMEOUT_MS;
  while (tree.some(alive) && Date.now() < deadline) await sleep(100);
  const left = tree.filter(alive);
  if (left.length > 0) {
    progress(`  ${left.length} process(es) still running 15 s after SIGTERM: SIGKILL`);
    for (const group of groups) killGroup(group, "SIGKILL");
    for (const pid of left) {
      try {
        process.kill(pid, "SIGKILL");
      } catch {
        // gone meanwhile
      }
    }
    const killDeadline = Date.now() + 5_000;
    while (tree.some(alive) && Date.now() < killDeadline) await sleep(100);
  }
  for (const group of groups) forgetGroup(group);
  const portDeadline = Date.now() + 5_000;
  for (const port of ports) {
    while (await portOpen(port)) {
      if (Date.now() > portDeadline) {
        progress(`  warning: port ${port} still open after the topology stopped`);
        break;
      }
      await sleep(100);
    }
  }
}
