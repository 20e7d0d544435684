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
/**
 * How long Prism may take to say it listens. Generous: on 2 cores shared with every workspace's tests
 * under turbo, a start has been seen to take over a minute. A failed start is tried once more.
 */
const READY_TIMEOUT_MS = 120_000;
const STOP_TIMEOUT_MS = 3_000;
/** Starts tried before giving up (a port taken between `freePort()` and Prism's listen, a stalled start). */
const START_ATTEMPTS = 2;
/** The line Prism prints once its server listens (`[CLI] … start  Prism is listening on http://…`). */
const LISTENING = "Prism is listening on ";

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

/** The port in Prism's `Prism is listening on http://127.0.0.1:<port>` line, if it names one. */
function listeningPort(line: string): number | undefined {
  const said = line.slice(line.indexOf(LISTENING) + LISTENING.length).trim();
  const port = URL.canParse(said) ? Number(new URL(said).port) : 0;
  return port > 0 ? port : undefined;
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
  let url = `http://127.0.0.1:${port}`;
  const stop = () => stopChild(child);
  // Ready is the line Prism prints once its server listens: no polling, bounded by READY_TIMEOUT_MS.
  const ready = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => settle(new Error(`did not say it listens within ${READY_TIMEOUT_MS / 1000} s`)),
      READY_TIMEOUT_MS,
    );
    function settle(error?: Error) {
      clearTimeout(timer);
      if (error) reject(error);
      else resolve();
    }
    let partial = "";
    const keep = (chunk: Buffer) => {
      const parts = (partial + chunk.toString("utf8")).split("\n");
      partial = parts.pop() ?? "";
      for (const line of parts) {
        if (line.trim() === "") continue;
        lines.push(line);
        if (lines.length > LOG_LINES) lines.shift();
        if (line.includes(LISTENING)) {
          // With port 0 the OS picks one; Prism's line names it (`… listening on http://127.0.0.1:43121`).
          const listening = port === 0 ? listeningPort(line) : port;
          if (listening === undefined) settle(new Error(`said it listens but named no port: ${line}`));
          else {
            url = `http://127.0.0.1:${listening}`;
            settle();
          }
        }
      }
    };
    child.stdout?.on("data", keep);
    child.stderr?.on("data", keep);
    child.once("error", settle);
    child.once("exit", (code, signal) => settle(new Error(`exited (${code ?? signal})`)));
  });
  try {
    await ready;
  } catch (error) {
    await stop();
    const why = error instanceof Error ? error.message : String(error);
    throw new Error(`${why}; Prism's output:\n${lines.join("\n")}`);
  }
  return { url, pid: child.pid ?? -1, logs: () => [...lines], stop };
}

/** Options of {@link startPrism}. */
export interface PrismOptions {
  /**
   * The port Prism listens on; 0 lets the OS pick one as Prism listens (the URL then names the port it
   * got). Default: a port free a moment before Prism starts.
   */
  port?: number;
}

/**
 * Starts `prism mock <spec> -h 127.0.0.1 -p <port> --errors` and resolves once Prism says it listens
 * (within 120 s, tried twice; the error carries Prism's own output of each attempt).
 * Prism validates every request (its mock mode cannot turn that off) and, with `--errors`, answers 500
 * when its own mocked response breaks the spec. The child dies with us: `stop()`, an exit handler, and a
 * watchdog that exits Prism when our end of its stdin pipe closes (a crashed or killed test).
 */
export async function startPrism(specFile: string, options: PrismOptions = {}): Promise<PrismProcess> {
  const failures: string[] = [];
  for (let attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
    try {
      return await startOnce(specFile, options.port ?? (await freePort()));
    } catch (error) {
      failures.push(`attempt ${attempt}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  throw new Error(`prism mock ${specFile} did not start in ${START_ATTEMPTS} attempts:\n${failures.join("\n\n")}`);
}
