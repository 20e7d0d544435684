import { type ChildProcess, spawn } from "node:child_process";
import { closeSync, openSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { createTokenProvider } from "@jeeves/client-kit";
import { SERVICE_NAMES, type ServiceName, type Topology, type TopologyOptions } from "../topology-types.ts";

/**
 * A stand-in for the harness's `startTopology` while it is being written (the Slack figures' own
 * trials): the one-process suite (`services/suite/src/main.ts`, what `npm start` runs) or each
 * service's `src/server.ts` as its own process, pinned to the server CPU, in a temporary data folder,
 * on free ports. Not used by `npm run bench` once topology.ts exists.
 */

const REPO = fileURLToPath(new URL("../../../", import.meta.url));

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

async function waitReady(name: string, url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${name} (${url}): the process exited with ${child.exitCode}`);
    try {
      const response = await fetch(`${url}/ready`, { signal: AbortSignal.timeout(2000) });
      await response.arrayBuffer();
      if (response.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${name}: ${url}/ready did not answer 200 within ${timeoutMs} ms`);
}

function spawnPinned(cpu: number, script: string, env: Record<string, string | undefined>): ChildProcess {
  // DEV_TOPOLOGY_NODE_ARGS: extra node flags for the servers (say `--cpu-prof --cpu-prof-dir=/tmp/prof`).
  const extra = process.env.DEV_TOPOLOGY_NODE_ARGS?.split(" ").filter(Boolean) ?? [];
  // DEV_TOPOLOGY_STDOUT: a file the servers' stdout (their JSON logs) is appended to; default none.
  const out = process.env.DEV_TOPOLOGY_STDOUT ? openSync(process.env.DEV_TOPOLOGY_STDOUT, "a") : undefined;
  const child = spawn("taskset", ["-c", String(cpu), process.execPath, ...extra, "--import", "tsx", script], {
    cwd: REPO,
    env: env as NodeJS.ProcessEnv,
    stdio: ["ignore", out ?? "ignore", "pipe"],
  });
  if (out !== undefined) closeSync(out);
  child.stderr?.on("data", () => {});
  return child;
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
  await exited;
  clearTimeout(timer);
}

/** Starts the suite as `options.mode` says (see the module comment). */
export async function startDevTopology(options: TopologyOptions): Promise<Topology> {
  const began = performance.now();
  const dataDir = await mkdtemp(join(tmpdir(), "jeeves-bench-"));
  const ports = {} as Record<ServiceName, number>;
  for (const name of SERVICE_NAMES) ports[name] = await freePort();
  const urls = Object.fromEntries(SERVICE_NAMES.map((n) => [n, `http://127.0.0.1:${ports[n]}`])) as Record<
    ServiceName,
    string
  >;
  const base: Record<string, string | undefined> = {
    ...process.env,
    LOG_LEVEL: "info",
    ...options.env,
    JEEVES_DATA_DIR: `${dataDir}/`,
    OPENWEATHER_MOCK_PORT: "0",
  };
  for (const name of SERVICE_NAMES) base[`${name.toUpperCase()}_PORT`] = String(ports[name]);
  const children: ChildProcess[] = [];
  const close = async () => {
    for (const child of [...children].reverse()) await stop(child);
    await rm(dataDir, { recursive: true, force: true });
  };
  try {
    if (options.mode === "one-process") {
      const child = spawnPinned(options.serverCpu, join(REPO, "services/suite/src/main.ts"), base);
      children.push(child);
      for (const name of SERVICE_NAMES) await waitReady(name, urls[name], child, 120_000);
    } else {
      const secrets = join(dataDir, "tokendealer", "secrets");
      for (const name of SERVICE_NAMES) {
        const env = {
          ...base,
          PORT: String(ports[name]),
          HOST: "127.0.0.1",
          DATA_DIR: join(dataDir, name),
          TOKENDEALER_URL: urls.tokendealer,
          DATASERVICE_URL: urls.dataservice,
          SLACKBOT_URL: urls.slackbot,
          WEATHER_URL: urls.weather,
          OPENWEATHER_API_KEY: base.OPENWEATHER_API_KEY ?? "bench-not-a-real-key",
          OPENWEATHER_URL: base.OPENWEATHER_URL ?? "http://127.0.0.1:9",
          SLACKBOT_CLIENT_SECRET_FILE: join(secrets, "slackbot.secret"),
          ACTIONS_CLIENT_SECRET_FILE: join(secrets, "actions.secret"),
          SCHEDULER_CLIENT_SECRET_FILE: join(secrets, "scheduler.secret"),
          SLACK_SIGNING_SECRET_FILE: join(dataDir, "slackbot", "signing-secret"),
        };
        const child = spawnPinned(options.serverCpu, join(REPO, `services/${name}/src/server.ts`), env);
        children.push(child);
        await waitReady(name, urls[name], child, 120_000);
        options.progress?.(`  ${name} ready`);
      }
    }
  } catch (error) {
    await close();
    throw error;
  }
  const startupMs = performance.now() - began;
  const secret = (await readFile(join(dataDir, "tokendealer", "secrets", "jeeves-admin.secret"), "utf8")).trim();
  return {
    mode: options.mode,
    urls,
    dataDir,
    startupMs,
    pids: () => children.map((child) => child.pid ?? 0).filter((pid) => pid > 0),
    token: (audience, scopes) =>
      createTokenProvider({
        tokendealerUrl: urls.tokendealer,
        clientId: "jeeves-admin",
        clientSecret: secret,
        audience,
        ...(scopes ? { scopes } : {}),
      }).token(),
    close,
  };
}
