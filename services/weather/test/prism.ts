import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";

/** The repository root (services/weather/test/ sits three levels below it). */
const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
/** Prism 5.14 of the root node_modules, as contract-tests' mocks use it. */
const PRISM_BIN = `${ROOT}node_modules/.bin/prism`;
const WATCHDOG = fileURLToPath(new URL("./prism-watchdog.cjs", import.meta.url));

/** Our description of OpenWeatherMap, which the mock answers from. */
export const OPENWEATHERMAP_SPEC = `${ROOT}specs/openapi/external/openweathermap.yaml`;

/** A running `prism mock`. */
export interface PrismMock {
  url: string;
  /** What Prism printed, for failure messages. */
  logs: string[];
  close(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function answers(url: string): Promise<boolean> {
  try {
    await (await fetch(url, { signal: AbortSignal.timeout(1_000) })).arrayBuffer();
    return true;
  } catch {
    return false;
  }
}

/**
 * Starts `prism mock -h 127.0.0.1 -p <free port> --errors <spec>` (validating every request, and
 * answering 500 if its own answer broke the spec) and resolves once it answers HTTP (up to 60 s).
 */
export async function startPrismMock(spec = OPENWEATHERMAP_SPEC): Promise<PrismMock> {
  const port = await freePort();
  const logs: string[] = [];
  const child: ChildProcess = spawn(PRISM_BIN, ["mock", spec, "-h", "127.0.0.1", "-p", String(port), "--errors"], {
    env: { ...process.env, NODE_OPTIONS: `--require "${WATCHDOG}"`, NO_COLOR: "1", NODE_V8_COVERAGE: undefined },
    stdio: ["pipe", "pipe", "pipe"],
  });
  const keep = (chunk: Buffer) => logs.push(...chunk.toString("utf8").split("\n").filter(Boolean));
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const exited = () => child.exitCode !== null || child.signalCode !== null;
  const close = async () => {
    if (exited()) return;
    const done = once(child, "exit");
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 3_000);
    await done;
    clearTimeout(timer);
  };
  const url = `http://127.0.0.1:${port}`;
  const until = Date.now() + 60_000;
  while (!(await answers(url))) {
    if (exited() || Date.now() > until) {
      await close();
      throw new Error(`prism mock did not start:\n${logs.join("\n")}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { url, logs, close };
}

/**
 * A fetch that adds `Prefer: <prefer()>` to each request when it answers something (`code=404`,
 * `example=new_york_imperial`), so a test picks Prism's answer, and keeps Prism's `sl-violations`
 * header (requests it found invalid) in `violations`.
 */
export function preferFetch(prefer: () => string | undefined) {
  const violations: string[] = [];
  const send = async (input: Request): Promise<Response> => {
    const value = prefer();
    const headers = new Headers(input.headers);
    if (value) headers.set("Prefer", value);
    const response = await fetch(new Request(input, { headers }));
    const violation = response.headers.get("sl-violations");
    if (violation) violations.push(violation);
    return response;
  };
  return { fetch: send, violations };
}
