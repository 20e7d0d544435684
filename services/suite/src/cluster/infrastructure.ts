import { spawnSync } from "node:child_process";
import { connect } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { StartupError } from "@jeeves/service-kit";

/** One server the cluster runs on: where it is, and how this machine starts it when it is down. */
export interface InfrastructureServer {
  /** Its name in lines: PostgreSQL, RabbitMQ, Redis. */
  name: string;
  /** The variable whose URL names it. */
  variable: "DATABASE_URL" | "BUS_URL" | "REDIS_URL";
  /** The URL used when the variable is unset: the server on 127.0.0.1 at its standard port. */
  defaultUrl: string;
  /** The command that starts it on this kind of machine (Debian packages), run through `sh -c`. */
  start: string;
}

/** PostgreSQL, RabbitMQ and Redis as the cluster uses them by default (127.0.0.1, standard ports). */
export const CLUSTER_INFRASTRUCTURE: readonly InfrastructureServer[] = [
  {
    name: "PostgreSQL",
    variable: "DATABASE_URL",
    defaultUrl: "postgres://postgres@127.0.0.1:5432/jeeves",
    start: 'pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n1)" main start',
  },
  {
    name: "RabbitMQ",
    variable: "BUS_URL",
    defaultUrl: "amqp://guest:guest@127.0.0.1:5672",
    start: "rabbitmq-server -detached",
  },
  {
    name: "Redis",
    variable: "REDIS_URL",
    defaultUrl: "redis://127.0.0.1:6379",
    start:
      'redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no --dir /var/lib/redis --logfile /var/log/redis/ci.log',
  },
];

const DEFAULT_PORTS: Record<string, number> = { "postgres:": 5432, "postgresql:": 5432, "amqp:": 5672, "redis:": 6379 };
const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]"]);

/** Host and port of a server URL (the scheme's standard port when it names none). */
export function hostPort(url: string): { host: string; port: number } {
  const parsed = new URL(url);
  return { host: parsed.hostname, port: Number(parsed.port) || DEFAULT_PORTS[parsed.protocol] || 0 };
}

/** Whether something accepts TCP connections at host:port within `timeoutMs`. */
export function portOpen(host: string, port: number, timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: host.replace(/^\[|\]$/g, ""), port });
    const done = (open: boolean) => {
      socket.destroy();
      resolve(open);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once("connect", () => done(true));
    socket.once("error", () => done(false));
  });
}

/** Options of {@link ensureInfrastructure}. */
export interface EnsureOptions {
  /** How long to wait for a server this machine is starting (default 60 s). */
  waitMs?: number;
  /** Where progress lines go. */
  say: (line: string) => void;
  /** Runs a start command (default: `sh -c`); tests replace it. */
  run?: (command: string) => void;
}

/**
 * Makes sure every server the cluster uses accepts connections: a server that is down, on this machine
 * at its default address, is started with this machine's command and waited for (a line every few
 * seconds); one elsewhere, or one that does not come up in time, is a StartupError naming its variable.
 * Answers the URL of each, by variable (the environment's, or the default).
 */
export async function ensureInfrastructure(
  env: Record<string, string | undefined>,
  options: EnsureOptions,
): Promise<Record<InfrastructureServer["variable"], string>> {
  const urls = {} as Record<InfrastructureServer["variable"], string>;
  const run =
    options.run ?? ((command: string) => spawnSync("sh", ["-c", command], { stdio: "ignore", timeout: 60_000 }));
  for (const server of CLUSTER_INFRASTRUCTURE) {
    const url = env[server.variable] || server.defaultUrl;
    urls[server.variable] = url;
    let address: { host: string; port: number };
    try {
      address = hostPort(url);
    } catch {
      throw new StartupError(server.variable, `${server.variable} is not a URL`);
    }
    if (await portOpen(address.host, address.port)) continue;
    const local = LOOPBACK.has(address.host) && url === server.defaultUrl;
    if (!local) {
      throw new StartupError(
        server.variable,
        `${server.name} is not reachable at ${address.host}:${address.port} (${server.variable})`,
      );
    }
    options.say(
      `${server.name} is down at ${address.host}:${address.port}: starting it (${server.start.split(" ")[0]})`,
    );
    run(server.start);
    const deadline = Date.now() + (options.waitMs ?? 60_000);
    let nextLine = Date.now() + 5_000;
    while (!(await portOpen(address.host, address.port))) {
      if (Date.now() > deadline) {
        throw new StartupError(
          server.variable,
          `${server.name} did not start at ${address.host}:${address.port} (${server.variable})`,
        );
      }
      if (Date.now() > nextLine) {
        options.say(`  waiting for ${server.name} at ${address.host}:${address.port}`);
        nextLine = Date.now() + 5_000;
      }
      await sleep(250);
    }
    options.say(`${server.name} is up at ${address.host}:${address.port}`);
  }
  return urls;
}
