import { type ChildProcess, execFile, spawn } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { request as httpRequest } from "node:http";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestContext } from "node:test";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { SERVICE_MANIFESTS } from "@jeeves/manifest";
import { withoutTrailingSlashes } from "@jeeves/service-kit";
import { type FakeSlack, signedSlackRequest, startFakeSlack } from "@jeeves/slackbot/testing";
import { postgresReachable, redisReachable, TEST_POSTGRES_URL, TEST_REDIS_URL } from "@jeeves/testing";
import amqp from "amqplib";
import pg from "pg";
import { portOpen } from "../../src/cluster/infrastructure.ts";
import { REPLICA_PORT_STEP } from "../../src/cluster/plan.ts";
import { installWorkspace, RABBIT_URL, rabbitReachable, waitFor } from "../harness.ts";

/** The repository root. */
const ROOT = fileURLToPath(new URL("../../../../", import.meta.url));

/** What `npm run start:cluster` runs after the build: the cluster launcher, built. */
export const CLUSTER_ENTRY = join(ROOT, "services/suite/dist/cluster-main.js");

/**
 * For a test that needs the cluster's servers (PostgreSQL, RabbitMQ, Redis): true when all answer.
 * Otherwise it fails under CI=true (CI must run it) and is skipped elsewhere, saying what was missing.
 */
export async function requireClusterServers(t: TestContext): Promise<boolean> {
  const missing: string[] = [];
  if (!(await postgresReachable())) missing.push("PostgreSQL at 127.0.0.1:5432");
  if (!(await rabbitReachable())) missing.push("RabbitMQ at 127.0.0.1:5672");
  if (!(await redisReachable())) missing.push("Redis at 127.0.0.1:6379");
  if (missing.length === 0) return true;
  const message = `the cluster needs ${missing.join(", ")}`;
  if (process.env.CI === "true") throw new Error(`${message}: CI must run this test`);
  t.skip(`${message}: not reachable here`);
  return false;
}

/** The cluster running for a test. */
export interface TestCluster {
  /** Each process's URL, by its id (`slackbot-1`, `slackbot-2`…), as the launcher printed them. */
  urls: Record<string, string>;
  /** Each process's pid, as printed. */
  pids: Record<string, number>;
  slack: FakeSlack;
  dataRoot: string;
  /** Everything the launcher wrote on standard error so far (progress, the summary). */
  output(): string;
  /** Sends a signed Slack event to one slackbot replica's /slack/events. */
  sendEvent(replica: string, body: unknown, headers?: Record<string, string>): Promise<Response>;
  /**
   * Delivers an event as Slack does: on anything but a 200 (or no answer) it tries again, up to 3 more
   * times, with `X-Slack-Retry-Num`, each time to the next replica (a load balancer's choice). Resolves
   * with whether a replica acknowledged it.
   */
  deliver(replicas: readonly string[], first: number, body: unknown): Promise<boolean>;
  /** The signing secret the slackbots check. */
  signingSecret: string;
  /** POST /chat on one slackbot replica, as `user`. */
  chat(replica: string, user: string, text: string): Promise<Response>;
  /** Sends SIGTERM to the launcher and resolves with how it exited (bounded: 20 s). */
  stop(): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** The launcher's process. */
  child: ChildProcess;
  /** The RabbitMQ virtual host of the run, when {@link TestClusterOptions.vhost} asked for one. */
  vhost?: string;
}

/** Options of {@link startCluster}. */
export interface TestClusterOptions {
  /** More environment for the launcher and its processes. */
  env?: Record<string, string>;
  /** DATABASE_URL's host and port, when the test puts something in front of PostgreSQL (default: PostgreSQL). */
  postgresAddress?: string;
  /**
   * Run the bus in a RabbitMQ virtual host of its own (made with rabbitmqctl, deleted after), so that a
   * fault test can close every connection of the cluster (`rabbitmqctl close_all_connections -p <vhost>`)
   * and no other test's.
   */
  vhost?: boolean;
}

const SUMMARY_ROW = /^ {2}([a-z][a-z0-9-]*-\d+) +(http:\/\/\S+) +pid (\d+)/;

/**
 * Starts `start:cluster` (the built launcher, `node services/suite/dist/cluster-main.js`) on free ports, a
 * fresh data folder, a fresh PostgreSQL database, its own RabbitMQ exchange and queues and its own Redis
 * keys, with Slack replaced by a fake; waits for its summary; installs the test workspace. After the
 * test: stops it (if the test did not), drops the database and deletes the run's queues and keys.
 */
export async function startCluster(t: TestContext, options: TestClusterOptions = {}): Promise<TestCluster> {
  const run = `cl${randomUUID().replaceAll("-", "").slice(0, 10)}`;
  const dataRoot = await mkdtemp(join(tmpdir(), "jeeves-cluster-"));
  const slack = await startFakeSlack();
  const signingSecret = randomBytes(16).toString("hex");
  const database = `jeeves_${run}`;
  const postgres = new URL(TEST_POSTGRES_URL);
  const databaseUrl = `postgres://${postgres.username || "postgres"}@${options.postgresAddress ?? postgres.host}/${database}`;
  const vhost = options.vhost ? `jeeves-${run}` : undefined;
  if (vhost) {
    await rabbitmqctl("add_vhost", vhost);
    t.after(() => rabbitmqctl("delete_vhost", vhost).catch(() => {}));
    await rabbitmqctl("set_permissions", "-p", vhost, "guest", ".*", ".*", ".*");
  }
  const busUrl = vhost ? `${withoutTrailingSlashes(RABBIT_URL)}/${encodeURIComponent(vhost)}` : RABBIT_URL;
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? "",
    HOME: process.env.HOME ?? "",
    JEEVES_DATA_DIR: dataRoot,
    ...(await clusterPorts()),
    DATABASE_URL: databaseUrl,
    BUS_URL: busUrl,
    BUS_EXCHANGE: `${run}.jeeves`,
    BUS_QUEUE_PREFIX: `${run}.`,
    REDIS_URL: TEST_REDIS_URL,
    REDIS_KEY_PREFIX: `${run}:`,
    SLACK_API_URL: slack.url,
    SLACK_SIGNING_SECRET: signingSecret,
    SLACK_POST_RETRY_DELAY_MS: "50",
    ACTIONS_RETRY_DELAY_MS: "50",
    CHAT_REPLY_TIMEOUT_MS: "10000",
    LOG_LEVEL: "warn",
    ...options.env,
  };
  let stderr = "";
  const child = spawn(process.execPath, [CLUSTER_ENTRY], { env, stdio: ["ignore", "ignore", "pipe"] });
  child.stderr?.setEncoding("utf8");
  child.stderr?.on("data", (chunk: string) => {
    stderr += chunk;
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );
  let stopped: Promise<{ code: number | null; signal: NodeJS.Signals | null }> | undefined;
  const stop = () => {
    stopped ??= (async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      const timeout = new Promise<"timeout">((resolve) => setTimeout(() => resolve("timeout"), 20_000).unref());
      const outcome = await Promise.race([exited, timeout]);
      if (outcome === "timeout") {
        child.kill("SIGKILL");
        throw new Error(`the cluster did not exit within 20 s of SIGTERM:\n${stderr.slice(-3000)}`);
      }
      return outcome;
    })();
    return stopped;
  };
  t.after(async () => {
    await stop().catch(() => {});
    await slack.close();
    await cleanUp(run, database);
    await rm(dataRoot, { recursive: true, force: true });
  });
  await waitFor(
    "the cluster's summary",
    () => {
      if (child.exitCode !== null)
        throw new Error(`the cluster exited with ${child.exitCode}:\n${stderr.slice(-3000)}`);
      return stderr.includes("Jeeves is running as");
    },
    180_000,
  );
  const urls: Record<string, string> = {};
  const pids: Record<string, number> = {};
  for (const line of stderr.split("\n")) {
    const row = SUMMARY_ROW.exec(line);
    if (row) {
      urls[row[1]] = row[2];
      pids[row[1]] = Number(row[3]);
    }
  }
  await installWorkspace({ dataservice: urls["dataservice-1"], tokendealer: urls["tokendealer-1"] }, dataRoot);
  const adminSecret = (await readFile(join(dataRoot, "tokendealer", "secrets", "jeeves-admin.secret"), "utf8")).trim();
  let chatToken: string | undefined;
  const cluster: TestCluster = {
    urls,
    pids,
    slack,
    dataRoot,
    child,
    vhost,
    signingSecret,
    output: () => stderr,
    sendEvent(replica, body, headers = {}) {
      const request = signedSlackRequest(signingSecret, body);
      return fetch(`${urls[replica]}/slack/events`, {
        method: "POST",
        headers: { ...request.headers, ...headers },
        body: request.payload,
        signal: AbortSignal.timeout(30_000),
      });
    },
    async deliver(replicas, first, body) {
      for (let attempt = 0; attempt < 4; attempt++) {
        const replica = replicas[(first + attempt) % replicas.length];
        const headers: Record<string, string> =
          attempt === 0 ? {} : { "x-slack-retry-num": String(attempt), "x-slack-retry-reason": "http_error" };
        try {
          const response = await cluster.sendEvent(replica, body, headers);
          await response.arrayBuffer();
          if (response.status === 200) return true;
        } catch {
          // no answer: Slack tries again
        }
        await new Promise((resolve) => setTimeout(resolve, 500 * (attempt + 1)));
      }
      return false;
    },
    async chat(replica, user, text) {
      chatToken ??= await token(urls["tokendealer-1"], adminSecret, "slackbot", "chat:write");
      return fetch(`${urls[replica]}/chat`, {
        method: "POST",
        headers: { authorization: `Bearer ${chatToken}`, "content-type": "application/json" },
        body: JSON.stringify({ user, text }),
        signal: AbortSignal.timeout(30_000),
      });
    },
    stop,
  };
  return cluster;
}

async function token(tokendealer: string, secret: string, audience: string, scope: string): Promise<string> {
  const response = await fetch(`${tokendealer}/oauth/token`, {
    method: "POST",
    headers: {
      authorization: `Basic ${Buffer.from(`jeeves-admin:${secret}`).toString("base64")}`,
      "content-type": "application/x-www-form-urlencoded",
    },
    body: new URLSearchParams({ grant_type: "client_credentials", audience, scope }).toString(),
  });
  const body = (await response.json()) as { access_token?: string };
  if (!body.access_token) throw new Error(`no ${audience} token: ${response.status}`);
  return body.access_token;
}

/** Ports below this are never handed out by the kernel for port 0 or outgoing connections (Linux's default). */
const EPHEMERAL_START = 32_768;

/** Whether nothing listens on 127.0.0.1:port now (it can be bound). */
function bindable(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once("error", () => resolve(false));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
  });
}

/**
 * `<SERVICE>_PORT` for every service: a free block below the kernel's ephemeral range (replica n of a
 * service listens at its port + 100(n − 1)). Not port 0: a replica the cluster starts again takes the
 * same port, and a port the kernel chose could meanwhile be given to another process's connection.
 */
async function clusterPorts(): Promise<Record<string, string>> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const base = 20_000 + Math.floor(Math.random() * (EPHEMERAL_START - 20_000 - 400));
    const ports = SERVICE_MANIFESTS.map((_, index) => base + index);
    const all = [...ports, ...ports.map((port) => port + REPLICA_PORT_STEP), base + SERVICE_MANIFESTS.length];
    if ((await Promise.all(all.map(bindable))).every(Boolean)) {
      return {
        ...Object.fromEntries(SERVICE_MANIFESTS.map((service, index) => [service.port.variable, String(ports[index])])),
        OPENWEATHER_MOCK_PORT: String(base + SERVICE_MANIFESTS.length),
      };
    }
  }
  throw new Error("no free block of ports below the ephemeral range");
}

/** Whether a process with this pid still exists. */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Whether anything listens at a URL's port. */
export function listening(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return portOpen(hostname, Number(port));
}

/** Drops the run's database, and deletes its exchange, queues and Redis keys. */
async function cleanUp(run: string, database: string): Promise<void> {
  const admin = new pg.Client({ connectionString: `${TEST_POSTGRES_URL.replace(/\/[^/]*$/, "")}/postgres` });
  await admin.connect().catch(() => {});
  await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`).catch(() => {});
  await admin.end().catch(() => {});
  const connection = await amqp.connect(RABBIT_URL);
  try {
    const channel = await connection.createChannel();
    for (const group of ["actions", "slackbot", "slackbot-chat", "scheduler"]) {
      for (const suffix of ["", ".retry", ".dead"])
        await channel.deleteQueue(`${run}.${group}${suffix}`).catch(() => {});
    }
    await channel.deleteExchange(`${run}.jeeves`).catch(() => {});
  } finally {
    await connection.close().catch(() => {});
  }
}

/** Of `events`, how many got an answer in their thread, how many more than one, and how many none. */
export function countAnswers(
  posts: readonly { thread_ts?: string; status: number }[],
  events: readonly { event: { ts: string } }[],
): { answered: number; duplicated: number; lost: number } {
  const perThread = new Map<string, number>();
  for (const post of posts) {
    if (post.status === 200 && post.thread_ts) perThread.set(post.thread_ts, (perThread.get(post.thread_ts) ?? 0) + 1);
  }
  let answered = 0;
  let duplicated = 0;
  for (const event of events) {
    const count = perThread.get(event.event.ts) ?? 0;
    if (count > 0) answered += 1;
    if (count > 1) duplicated += 1;
  }
  return { answered, duplicated, lost: events.length - answered };
}

/** Runs `rabbitmqctl` with `args` (bounded: 60 s); rejects with its output when it fails. */
export async function rabbitmqctl(...args: string[]): Promise<string> {
  const { stdout } = await promisify(execFile)("rabbitmqctl", args, { timeout: 60_000 });
  return stdout;
}

/** Whether rabbitmqctl can talk to the broker here (fault tests need it). */
export async function rabbitmqctlWorks(): Promise<boolean> {
  try {
    await rabbitmqctl("status", "--quiet");
    return true;
  } catch {
    return false;
  }
}

/** How one request on a connection of its own ended: an answer, a refused connection, or a request lost on the way. */
export type SendOutcome = { status: number } | { refused: true } | { lost: string };

/**
 * POSTs a signed Slack event on a new connection (no keep-alive: a refused connection and a request
 * lost after the server accepted it are told apart). Bounded: 30 s.
 */
export function postEventOnce(url: string, headers: Record<string, string>, payload: string): Promise<SendOutcome> {
  return new Promise((resolve) => {
    const request = httpRequest(
      `${url}/slack/events`,
      {
        method: "POST",
        agent: false,
        headers: { ...headers, "content-length": Buffer.byteLength(payload) },
        timeout: 30_000,
      },
      (response) => {
        response.resume();
        response.once("end", () => resolve({ status: response.statusCode ?? 0 }));
        response.once("error", (error) => resolve({ lost: error.message }));
      },
    );
    request.once("timeout", () => request.destroy(new Error("no answer within 30 s")));
    request.once("error", (error: NodeJS.ErrnoException) =>
      resolve(error.code === "ECONNREFUSED" ? { refused: true } : { lost: error.code ?? error.message }),
    );
    request.end(payload);
  });
}
