import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";
import { type ShutdownStep, StartupError } from "@jeeves/service-kit";
import type { ClusterProcess } from "./plan.ts";

/** How long the cluster waits for a process's /ready (a first start migrates, makes keys). */
const READY_TIMEOUT_MS = 120_000;
/** A process that exits on its own is started again after this long… */
const RESTART_DELAY_MS = 1_000;
/** …at most this many times in a row; then the cluster stops. */
const MAX_RESTARTS = 5;
/** After SIGTERM, how long every process has to drain and exit before it is killed. */
export const STOP_TIMEOUT_MS = 9_000;

/** Options of a {@link Supervisor}. */
export interface SupervisorOptions {
  /** Progress and status lines (the terminal). */
  say: (line: string) => void;
  /** Called when the cluster gives up on a process that keeps exiting (the caller then stops everything; the shutdown step fails). */
  onGiveUp?: (process: ClusterProcess) => void;
}

interface Running {
  plan: ClusterProcess;
  child: ChildProcess;
  exited?: { code: number | null; signal: NodeJS.Signals | null };
  restarts: number;
}

/**
 * Runs the cluster's processes: starts each with `node` in a process group of its own (so a terminal's
 * Ctrl-C reaches only the cluster, which stops them in order), waits for its /ready, starts it again
 * when it exits on its own (after a second; a process that keeps exiting stops the cluster), and stops
 * them all with SIGTERM, killing what is still running after {@link STOP_TIMEOUT_MS}.
 */
export class Supervisor {
  readonly #say: SupervisorOptions["say"];
  readonly #onGiveUp: SupervisorOptions["onGiveUp"];
  readonly #running = new Map<string, Running>();
  #stopping = false;
  /** The process the cluster gave up on (it kept exiting), if any. */
  #gaveUp?: string;

  constructor(options: SupervisorOptions) {
    this.#say = options.say;
    this.#onGiveUp = options.onGiveUp;
    // However the cluster ends, nothing it started outlives it.
    process.once("exit", () => {
      for (const entry of this.#running.values()) if (!entry.exited) entry.child.kill("SIGKILL");
    });
  }

  /** The process ids of the running processes, by cluster id. */
  pids(): Record<string, number | undefined> {
    return Object.fromEntries([...this.#running].map(([id, entry]) => [id, entry.child.pid]));
  }

  /**
   * The cluster's processes as a step of service-kit's closeOnSignals: {@link Supervisor.stop}, failing
   * when one did not stop cleanly or the cluster gave up on one; its detail names those still running.
   */
  shutdownStep(): ShutdownStep {
    return {
      name: "cluster processes",
      close: async () => {
        const clean = await this.stop();
        if (this.#gaveUp) throw new Error(`gave up on ${this.#gaveUp}, which kept exiting`);
        if (!clean) throw new Error("a process did not stop cleanly");
      },
      detail: () => {
        const running = [...this.#running].filter(([, entry]) => !entry.exited).map(([id]) => id);
        return running.length > 0 ? `still running: ${running.join(", ")}` : undefined;
      },
    };
  }

  /** Starts `plan` and resolves once its /ready answers 200; a StartupError when it exits first or takes too long. */
  async start(plan: ClusterProcess): Promise<void> {
    if (this.#stopping) throw new StartupError("PATH", `not starting ${plan.id}: the cluster is stopping`);
    if (!existsSync(plan.entry)) {
      throw new StartupError("PATH", `${plan.entry} does not exist: build first (npm run build)`);
    }
    const entry: Running = { plan, child: this.#spawn(plan), restarts: 0 };
    this.#running.set(plan.id, entry);
    await this.#waitReady(entry);
  }

  #spawn(plan: ClusterProcess): ChildProcess {
    const child = spawn(process.execPath, [...plan.execArgv, plan.entry], {
      env: plan.env as NodeJS.ProcessEnv,
      stdio: ["ignore", "inherit", "inherit"],
      detached: true,
    });
    child.once("exit", (code, signal) => this.#exited(plan.id, child, code, signal));
    return child;
  }

  #exited(id: string, child: ChildProcess, code: number | null, signal: NodeJS.Signals | null): void {
    const entry = this.#running.get(id);
    if (!entry || entry.child !== child) return;
    entry.exited = { code, signal };
    if (this.#stopping) return;
    if (entry.restarts >= MAX_RESTARTS) {
      this.#say(`cluster: ${id} exited ${describe(entry.exited)} ${MAX_RESTARTS + 1} times: giving up`);
      this.#gaveUp = id;
      this.#onGiveUp?.(entry.plan);
      return;
    }
    entry.restarts += 1;
    this.#say(`cluster: ${id} exited ${describe(entry.exited)}: starting it again in ${RESTART_DELAY_MS / 1000} s`);
    setTimeout(() => {
      if (this.#stopping) return;
      entry.child = this.#spawn(entry.plan);
      entry.exited = undefined;
      this.#waitReady(entry).then(
        () => {
          entry.restarts = 0;
          this.#say(`cluster: ${id} is ready again at ${entry.plan.url}`);
        },
        () => {},
      );
    }, RESTART_DELAY_MS).unref();
  }

  async #waitReady(entry: Running): Promise<void> {
    const deadline = Date.now() + READY_TIMEOUT_MS;
    let nextLine = Date.now() + 10_000;
    const child = entry.child;
    for (;;) {
      if (entry.child !== child || entry.exited) {
        throw new StartupError("PORT", `${entry.plan.id} exited ${describe(entry.exited)} before it was ready`);
      }
      if (await answersReady(entry.plan.url)) return;
      if (Date.now() > deadline) throw new StartupError("PORT", `${entry.plan.id} was not ready within 120 s`);
      if (Date.now() > nextLine) {
        this.#say(`cluster: waiting for ${entry.plan.id} at ${entry.plan.url}/ready`);
        nextLine = Date.now() + 10_000;
      }
      await sleep(150);
    }
  }

  /**
   * Stops every process: SIGTERM to all (each drains its requests and messages and exits), then SIGKILL
   * to any still running after {@link STOP_TIMEOUT_MS}. Answers true when every one exited with 0 by itself.
   */
  async stop(): Promise<boolean> {
    this.#stopping = true;
    const entries = [...this.#running.values()].filter((entry) => !entry.exited);
    const exits = entries.map(
      (entry) => new Promise<void>((resolve) => (entry.exited ? resolve() : entry.child.once("exit", () => resolve()))),
    );
    for (const entry of entries) entry.child.kill("SIGTERM");
    const timer = sleep(STOP_TIMEOUT_MS, "timeout" as const, { ref: false });
    const outcome = await Promise.race([Promise.all(exits).then(() => "done" as const), timer]);
    let clean = true;
    if (outcome === "timeout") {
      for (const entry of entries) {
        if (entry.exited) continue;
        this.#say(`cluster: ${entry.plan.id} did not stop within ${STOP_TIMEOUT_MS / 1000} s: killed`);
        entry.child.kill("SIGKILL");
        clean = false;
      }
      await Promise.all(exits);
    }
    for (const entry of entries) {
      if (entry.exited && entry.exited.code !== 0) {
        this.#say(`cluster: ${entry.plan.id} exited ${describe(entry.exited)}`);
        clean = false;
      }
    }
    return clean;
  }
}

function describe(exited: Running["exited"]): string {
  if (!exited) return "";
  return exited.signal ? `on ${exited.signal}` : `with code ${exited.code}`;
}

/** Whether `<url>/ready` answers 200 within 2 s (the cluster's and the benchmark's readiness check). */
export async function answersReady(url: string): Promise<boolean> {
  try {
    const response = await fetch(`${url}/ready`, { signal: AbortSignal.timeout(2_000) });
    await response.arrayBuffer();
    return response.status === 200;
  } catch {
    return false;
  }
}
