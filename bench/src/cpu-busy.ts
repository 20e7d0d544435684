import { readFileSync } from "node:fs";

/** One CPU's time counters from `/proc/stat`, in clock ticks since boot. */
export interface CpuTimes {
  /** user + nice + system + irq + softirq: work this machine did on the CPU. */
  busy: number;
  /** Time the hypervisor gave to someone else while this CPU wanted to run. */
  steal: number;
  /** Every counter of the line (busy, idle, iowait, steal…; guest time is already in user). */
  total: number;
}

/** The `cpuN` lines of a `/proc/stat` text, by CPU number (the machine-wide `cpu` line is left out). */
export function parseProcStat(text: string): Map<number, CpuTimes> {
  const cpus = new Map<number, CpuTimes>();
  for (const line of text.split("\n")) {
    const fields = line.trim().split(/\s+/);
    const name = fields[0] ?? "";
    if (!name.startsWith("cpu") || name === "cpu") continue;
    const cpu = Number(name.slice(3));
    if (!Number.isInteger(cpu)) continue;
    // user nice system idle iowait irq softirq steal [guest guest_nice]
    const [user, nice, system, idle, iowait, irq, softirq, steal] = fields
      .slice(1, 9)
      .map((field) => Number(field) || 0);
    const busy = user + nice + system + irq + softirq;
    cpus.set(cpu, { busy, steal, total: busy + idle + iowait + steal });
  }
  return cpus;
}

/** How a CPU was used between two readings, in percent of the time between them. */
export interface CpuShare {
  busy: number;
  steal: number;
}

/** The share of `cpu`'s time from `before` to `after` that was busy, and stolen (NaN when it did not tick). */
export function cpuShare(before: Map<number, CpuTimes>, after: Map<number, CpuTimes>, cpu: number): CpuShare {
  const start = before.get(cpu);
  const end = after.get(cpu);
  const total = start && end ? end.total - start.total : 0;
  if (!start || !end || total <= 0) return { busy: Number.NaN, steal: Number.NaN };
  return { busy: (100 * (end.busy - start.busy)) / total, steal: (100 * (end.steal - start.steal)) / total };
}

/** This machine's CPU counters now (an empty map where there is no `/proc/stat`). */
export function readCpuTimes(): Map<number, CpuTimes> {
  try {
    return parseProcStat(readFileSync("/proc/stat", "utf8"));
  } catch {
    return new Map();
  }
}

/**
 * Runs `body` and says how busy each of `cpus` was meanwhile (percent, whatever ran on it: the servers,
 * the broker, the load, anything else), so a latency round shows whether a CPU was saturated.
 */
export async function withCpuShares<T>(
  cpus: readonly number[],
  body: () => Promise<T>,
): Promise<{ value: T; shares: Record<number, CpuShare> }> {
  const before = readCpuTimes();
  const value = await body();
  const after = readCpuTimes();
  const shares: Record<number, CpuShare> = {};
  for (const cpu of cpus) shares[cpu] = cpuShare(before, after, cpu);
  return { value, shares };
}
