import { readFileSync } from "node:fs";

/** How often the watch's timer asks to run (ms): the stretches it measures are the gaps between its runs. */
const TICK_MS = 2;

/**
 * CPU time (ms) of this process's main thread, the one running the event loop: on Linux from
 * /proc/self/task/<pid>/stat (utime + stime, in clock ticks of 10 ms), elsewhere the whole process's
 * (process.cpuUsage, which also counts the garbage collector's and the thread pool's threads: a little
 * more than the event loop's own time, never less).
 */
export function mainThreadCpuMs(): number {
  try {
    const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, "utf8");
    // Fields after the command name (which may hold spaces, hence the last ")"): utime and stime are 14 and 15.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    const used = process.cpuUsage();
    return (used.user + used.system) / 1000;
  }
}

/** The longest stretch the event loop was held by this process's own work (see {@link watchEventLoop}). */
export interface EventLoopBlocking {
  /** Its length (ms): the smaller of its wall-clock time and the main thread's CPU time during it. */
  longestMs: number;
  /** How many stretches were measured. */
  stretches: number;
}

/**
 * Watches the event loop until `stop()`: a timer asks to run every few milliseconds, and each gap
 * between two of its runs is a stretch the loop spent on other work. A stretch is counted as the
 * smaller of its wall-clock time and the CPU time the main thread used in it. Synchronous work (a
 * parser spinning on a message) holds the loop for as long as it computes, so both are long; a process
 * that merely waited for a core other programs held (a loaded machine) has a long wall-clock gap but
 * used little CPU in it, and is not counted.
 */
export function watchEventLoop(): { stop(): EventLoopBlocking } {
  let lastWall = performance.now();
  let lastCpu = mainThreadCpuMs();
  let longestMs = 0;
  let stretches = 0;
  const measure = () => {
    const wall = performance.now();
    const cpu = mainThreadCpuMs();
    longestMs = Math.max(longestMs, Math.min(wall - lastWall, cpu - lastCpu));
    stretches += 1;
    lastWall = wall;
    lastCpu = cpu;
  };
  const timer = setInterval(measure, TICK_MS);
  return {
    stop() {
      clearInterval(timer);
      measure();
      return { longestMs, stretches };
    },
  };
}
