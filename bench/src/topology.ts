import type { ChildProcess } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { mkdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { answersReady as ready } from "../../services/suite/src/cluster/supervisor.ts";
import { readLayout, serviceEnv } from "../../services/suite/src/layout.ts";
import { freePorts, portOpen } from "./ports.ts";
import { processTree } from "./procs.ts";
import { makeScratch, removeScratch } from "./scratch.ts";
import { REPO_ROOT, spawnPinned } from "./spawn-pinned.ts";
import { stopAll } from "./stop-all.ts";
import { SERVICE_NAMES, type ServiceName, type Topology, type TopologyOptions } from "./topology-types.ts";
import { startWeatherMock } from "./weather-mock.ts";

/** How long a topology may take until every service's /ready answers 200. */
const READY_TIMEOUT_MS = 120_000;
/** The broker the separate processes share (they cannot share the in-process bus). */
const DEFAULT_BUS_URL = "amqp://guest:guest@127.0.0.1:5672";
/** The clients whose secrets the TokenDealer writes on its first start and the other services read. */
const SECRET_FILES = ["jeeves-admin", "slackbot", "actions", "scheduler"];

/** Variables of the suite or its services that must not leak from the benchmark's own environment. */
const SUITE_PREFIXES = ["JEEVES_", "OPENWEATHER_", "SLACK_", "TOKENDEALER_", "DATASERVICE_", "SLACKBOT_"];
const SUITE_PREFIXES_MORE = ["ACTIONS_", "WEATHER_", "SCHEDULER_", "RATE_LIMIT_", "STARTUP_CONNECT_"];
const SUITE_NAMES = new Set(["PORT", "HOST", "DATA_DIR", "DATABASE_URL", "BUS_URL", "REDIS_URL", "NODE_OPTIONS"]);
/** What `npm run bench` (npm, turbo) sets for its own task: `npm start` must run as a person's would. */
const RUNNER_PREFIXES = ["npm_", "TURBO_HASH", "TURBO_INVOCATION_DIR", "INIT_CWD"];

/**
 * The benchmark's environment without any suite variable nor npm's and turbo's own: each topology runs on
 * the embedded defaults plus `extra`.
 */
export function cleanEnv(
  env: Record<string, string | undefined>,
  extra: Record<string, string | undefined> = {},
): Record<string, string | undefined> {
  const clean: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(env)) {
    const suite =
      SUITE_NAMES.has(name) ||
      [...SUITE_PREFIXES, ...SUITE_PREFIXES_MORE, ...RUNNER_PREFIXES].some((prefix) => name.startsWith(prefix));
    if (!suite) clean[name] = value;
  }
  for (const [name, value] of Object.entries(extra)) if (value !== undefined) clean[name] = value;
  return clean;
}

/** The last lines of a log file, without any line that could hold the admin's first password. */
function logTail(file: string, lines = 25): string {
  try {
    return readFileSync(file, "utf8")
      .split("\n")
      .filter((line) => !/password/i.test(line))
      .slice(-lines)
      .join("\n");
  } catch {
    return "(no log)";
  }
}

/** A spawned process the topology watches: it must not exit before close(). */
interface Watched {
  name: string;
  child: ChildProcess;
  logFile: string;
  exited?: string;
}

function watch(name: string, child: ChildProcess, logFile: string): Watched {
  const watched: Watched = { name, child, logFile };
  child.once("exit", (code, signal) => {
    watched.exited = `exited (${code ?? signal})`;
  });
  child.once("error", (error) => {
    watched.exited = `did not start (${error.message})`;
  });
  return watched;
}

/** Waits (bounded) until every URL's /ready answers 200, with a progress line every 10 s; fails early when a process exits. */
async function waitReady(
  urls: Partial<Record<ServiceName, string>>,
  processes: Watched[],
  progress: (line: string) => void,
  deadline: number,
): Promise<void> {
  const pending = new Map(Object.entries(urls));
  let nextProgress = Date.now() + 10_000;
  while (pending.size > 0) {
    const dead = processes.find((entry) => entry.exited);
    if (dead) throw new Error(`${dead.name} ${dead.exited} before it was ready; its log:\n${logTail(dead.logFile)}`);
    const answers = await Promise.all([...pending].map(async ([name, url]) => [name, await ready(url)] as const));
    for (const [name, ok] of answers) if (ok) pending.delete(name);
    if (pending.size === 0) return;
    if (Date.now() > deadline) {
      const logs = processes.map((entry) => `--- ${entry.name}:\n${logTail(entry.logFile)}`).join("\n");
      throw new Error(`not ready within ${READY_TIMEOUT_MS / 1000} s: ${[...pending.keys()].join(", ")}\n${logs}`);
    }
    if (Date.now() > nextProgress) {
      const waited = Math.round((Date.now() - (deadline - READY_TIMEOUT_MS)) / 1000);
      progress(`  waiting for /ready of ${[...pending.keys()].join(", ")} (${waited} s)`);
      nextProgress = Date.now() + 10_000;
    }
    await sleep(150);
  }
}

/** Waits (bounded) until the TokenDealer has written the client secrets the other services read. */
async function waitSecrets(dataDir: string, deadline: number): Promise<void> {
  const files = SECRET_FILES.map((client) => join(dataDir, "tokendealer", "secrets", `${client}.secret`));
  while (!files.every((file) => existsSync(file))) {
    if (Date.now() > deadline) throw new Error(`the TokenDealer wrote no client secrets in ${dataDir}`);
    await sleep(100);
  }
}

/** The close() of every topology started and not closed yet. */
const running = new Set<() => Promise<void>>();

/** Closes every topology still running (Ctrl-C, a failed run): none outlives the benchmark. */
export async function closeAllTopologies(): Promise<void> {
  await Promise.all([...running].map((close) => close().catch(() => {})));
}

/** The free ports of a topology: the six services and the OpenWeatherMap mock. */
async function pickPorts(): Promise<{ services: Record<ServiceName, number>; mock: number }> {
  const ports = await freePorts(SERVICE_NAMES.length + 1);
  const services = Object.fromEntries(SERVICE_NAMES.map((name, index) => [name, ports[index]])) as Record<
    ServiceName,
    number
  >;
  return { services, mock: ports[SERVICE_NAMES.length] };
}

/** The suite's variables for a data folder and ports (JEEVES_DATA_DIR, <SERVICE>_PORT, OPENWEATHER_MOCK_PORT). */
function suiteVariables(dataDir: string, ports: Awaited<ReturnType<typeof pickPorts>>): Record<string, string> {
  const variables: Record<string, string> = {
    JEEVES_HOST: "127.0.0.1",
    JEEVES_DATA_DIR: dataDir,
    OPENWEATHER_MOCK_PORT: String(ports.mock),
  };
  for (const name of SERVICE_NAMES) variables[`${name.toUpperCase()}_PORT`] = String(ports.services[name]);
  return variables;
}

/**
 * Starts the suite for a figure, every process pinned to `options.serverCpu` in a process group of its
 * own, in a fresh temporary data folder (or the one `options.env.JEEVES_DATA_DIR` names, which is then
 * kept: a warm start reuses it), on free ports; resolves once every service's /ready answers 200
 * (within 120 s). `one-process`: `npm start` at the repository root. `separate`: the demo
 * OpenWeatherMap mock and each service's built `dist/server.js` (node alone), in the suite's start order, each with the
 * environment the suite would give it, sharing RabbitMQ (BUS_URL, default the local broker).
 */
export async function startTopology(options: TopologyOptions): Promise<Topology> {
  const progress = options.progress ?? (() => {});
  // The logs, and the data folder unless the caller names one (a warm start reuses it): removed by close().
  const scratch = await makeScratch("jeeves-bench-");
  const dataDir = options.env?.JEEVES_DATA_DIR ?? join(scratch, "data");
  const logDir = join(scratch, "logs");
  await mkdir(logDir, { recursive: true });
  await mkdir(dataDir, { recursive: true });
  const ports = await pickPorts();
  const variables = suiteVariables(dataDir, ports);
  const urls = Object.fromEntries(
    SERVICE_NAMES.map((name) => [name, `http://127.0.0.1:${ports.services[name]}`]),
  ) as Record<ServiceName, string>;
  const processes: Watched[] = [];
  const roots = () => processes.map((entry) => entry.child.pid).filter((pid): pid is number => pid !== undefined);
  const pids = () => processTree(roots());
  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= (async () => {
      await stopAll(roots(), Object.values(ports.services).concat(ports.mock), progress);
      await removeScratch(scratch);
      running.delete(close);
    })();
    return closing;
  };
  running.add(close);
  const started = Date.now();
  const deadline = started + READY_TIMEOUT_MS;
  try {
    if (options.mode === "one-process") {
      const env = cleanEnv(process.env, { ...options.env, ...variables });
      const logFile = join(logDir, "suite.log");
      const child = spawnPinned(options.serverCpu, "npm", ["start"], { env, logFile, cwd: REPO_ROOT });
      processes.push(watch("npm start", child, logFile));
      await waitReady(urls, processes, progress, deadline);
    } else {
      const env = cleanEnv(process.env, { BUS_URL: DEFAULT_BUS_URL, ...options.env, ...variables });
      const layout = readLayout(env);
      const mockLog = join(logDir, "openweathermap-mock.log");
      const mock = startWeatherMock(options.serverCpu, ports.mock, env, mockLog);
      processes.push(watch("openweathermap mock", mock.child, mockLog));
      for (const name of SERVICE_NAMES) {
        if (name === "weather") await waitPort(ports.mock, processes, deadline);
        const serviceVariables = serviceEnv(name, layout, env);
        if (name === "weather") serviceVariables.OPENWEATHER_URL = mock.url;
        const logFile = join(logDir, `${name}.log`);
        const child = spawnPinned(
          options.serverCpu,
          process.execPath,
          // The built service (`npm run bench` builds first), as production and start:cluster run it.
          [join(REPO_ROOT, "services", name, "dist", "server.js")],
          { env: serviceVariables, logFile, cwd: REPO_ROOT },
        );
        processes.push(watch(name, child, logFile));
        await waitReady({ [name]: urls[name] }, processes, progress, deadline);
        if (name === "tokendealer") await waitSecrets(dataDir, deadline);
      }
    }
  } catch (error) {
    await close();
    throw error;
  }
  const startupMs = Date.now() - started;
  return {
    mode: options.mode,
    urls,
    dataDir,
    startupMs,
    pids,
    token: (audience, scopes) => adminToken(urls.tokendealer, dataDir, audience, scopes),
    close,
  };
}

/** Waits (bounded) until something listens on `port`, failing early when a watched process exits. */
async function waitPort(port: number, processes: Watched[], deadline: number): Promise<void> {
  while (!(await portOpen(port))) {
    const dead = processes.find((entry) => entry.exited);
    if (dead) throw new Error(`${dead.name} ${dead.exited}; its log:\n${logTail(dead.logFile)}`);
    if (Date.now() > deadline) throw new Error(`nothing listens on port ${port} in time`);
    await sleep(150);
  }
}

/** A bearer token of `jeeves-admin` for `audience` (client credentials, HTTP Basic). */
async function adminToken(
  tokendealer: string,
  dataDir: string,
  audience: ServiceName,
  scopes?: string[],
): Promise<string> {
  const secret = (await readFile(join(dataDir, "tokendealer", "secrets", "jeeves-admin.secret"), "utf8")).trim();
  const form = new URLSearchParams({ grant_type: "client_credentials", audience });
  if (scopes && scopes.length > 0) form.set("scope", scopes.join(" "));
  const response = await fetch(`${tokendealer}/oauth/token`, {
    method: "POST",
    headers: {
      authorization: `Basic ${Buffer.from(`jeeves-admin:${secret}`).toString("base64")}`,
      "content-type": "application/x-www-form-urlencoded",
    },
    body: form.toString(),
    signal: AbortSignal.timeout(10_000),
  });
  const body = (await response.json()) as { access_token?: string; error?: string };
  if (response.status !== 200 || !body.access_token) {
    throw new Error(`POST /oauth/token for ${audience} answered ${response.status} (${body.error ?? "no token"})`);
  }
  return body.access_token;
}
