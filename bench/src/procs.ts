import { readdirSync, readFileSync } from "node:fs";

/** One line of `/proc/<pid>/stat` that matters here: parent and process group. */
interface ProcStat {
  pid: number;
  ppid: number;
  pgid: number;
}

/** Parses `/proc/<pid>/stat`; the command name (field 2) may hold spaces and parentheses, so fields are read after the last `)`. */
function readStat(pid: number): ProcStat | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = text.slice(text.lastIndexOf(")") + 2).split(" ");
    // After the name: state, ppid, pgrp, …
    return { pid, ppid: Number(fields[1]), pgid: Number(fields[2]) };
  } catch {
    return undefined;
  }
}

/** Every process of this machine (pid, parent, process group) as seen in /proc right now. */
function allProcesses(): ProcStat[] {
  const stats: ProcStat[] = [];
  for (const entry of readdirSync("/proc")) {
    const pid = Number(entry);
    if (!Number.isInteger(pid) || pid <= 0) continue;
    const stat = readStat(pid);
    if (stat) stats.push(stat);
  }
  return stats;
}

/**
 * The processes started from `roots`: the roots, all their descendants, and every process in one of
 * `groups` (process groups the benchmark created; catches children re-parented after their parent exited).
 */
export function processTree(roots: readonly number[], groups: readonly number[] = roots): number[] {
  const stats = allProcesses();
  const children = new Map<number, number[]>();
  for (const stat of stats) {
    const list = children.get(stat.ppid) ?? [];
    list.push(stat.pid);
    children.set(stat.ppid, list);
  }
  const found = new Set<number>();
  const alivePids = new Set(stats.map((stat) => stat.pid));
  const queue = roots.filter((pid) => alivePids.has(pid));
  for (const stat of stats) if (groups.includes(stat.pgid)) queue.push(stat.pid);
  while (queue.length > 0) {
    const pid = queue.pop()!;
    if (found.has(pid)) continue;
    found.add(pid);
    queue.push(...(children.get(pid) ?? []));
  }
  return [...found].sort((a, b) => a - b);
}

/** Whether `pid` still exists (a zombie counts as gone). */
export function alive(pid: number): boolean {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, "utf8");
    return text.slice(text.lastIndexOf(")") + 2, text.lastIndexOf(")") + 3) !== "Z";
  } catch {
    return false;
  }
}

/** The kB of the line `<field>:` of `/proc/<pid>/<file>` (`status`, `smaps_rollup`), 0 once it is gone or absent. */
function procKb(pid: number, file: string, field: string): number {
  try {
    const text = readFileSync(`/proc/${pid}/${file}`, "utf8");
    const line = text.split("\n").find((entry) => entry.startsWith(`${field}:`));
    return line ? Number.parseInt(line.slice(field.length + 1).trim(), 10) : 0;
  } catch {
    return 0;
  }
}

/**
 * The proportional set size of `pid` in kB (`Pss` of /proc/<pid>/smaps_rollup): its resident memory with
 * each page it shares with other processes (node's own code, the files they all map) counted as its share.
 * Summed over processes, a shared page counts once. 0 once it is gone or when the kernel does not say.
 */
export function pssKb(pid: number): number {
  return procKb(pid, "smaps_rollup", "Pss");
}

/** The resident set size of `pid` in kB (`VmRSS` of /proc/<pid>/status), 0 once it is gone. */
export function rssKb(pid: number): number {
  return procKb(pid, "status", "VmRSS");
}

/**
 * A short, readable name of `pid`: its executable and the first argument that says what it runs
 * (`node services/suite/src/main.ts`, `turbo run`, `npm start`, `prism mock`), without long paths.
 */
export function processName(pid: number, root = ""): string {
  try {
    const argv = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").filter(Boolean);
    const short = (arg: string) => (root && arg.startsWith(root) ? arg.slice(root.length) : arg);
    const program = argv[0]?.split("/").pop() ?? "?";
    const meaningful = argv
      .slice(1)
      .filter((arg) => !arg.startsWith("-") && arg !== "tsx" && !arg.includes("node_modules/tsx"))
      .slice(0, 2)
      .map((arg) => (arg.includes("/") && !arg.includes("services/") ? (arg.split("/").pop() ?? arg) : short(arg)));
    return [program, ...meaningful].join(" ").slice(0, 80);
  } catch {
    return `pid ${pid}`;
  }
}
