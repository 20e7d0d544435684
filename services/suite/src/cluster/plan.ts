import { existsSync } from "node:fs";
import { createServer } from "node:net";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { SERVICE_MANIFESTS, type ServiceManifest } from "@jeeves/manifest";
import { StartupError } from "@jeeves/service-kit";
import { type SuiteLayout, serviceEnv } from "../layout.ts";

/**
 * The repository's services/ folder: the nearest one above this file (run from src/cluster/ with tsx,
 * or bundled into dist/) that holds the services' manifests.
 */
export function servicesDir(from = dirname(fileURLToPath(import.meta.url))): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, "services");
    if (existsSync(join(candidate, SERVICE_MANIFESTS[0].name, "service.json"))) return candidate;
    if (dirname(dir) === dir) throw new StartupError("PATH", `no services/ folder above ${from}`);
  }
}

/** How many replicas a service runs in the cluster when `<SERVICE>_REPLICAS` is unset. */
export const DEFAULT_REPLICAS: Readonly<Record<string, number>> = { slackbot: 2, actions: 2 };

/** Replica n (from 0) of a service listens on its port + n × this, unless its port is 0 (any free port). */
export const REPLICA_PORT_STEP = 100;

/** One process of the cluster. */
export interface ClusterProcess {
  /** `slackbot-2`: the service and the replica's number from 1 (`dataservice-1`…). */
  id: string;
  service: ServiceManifest;
  /** The replica's number, from 1. */
  replica: number;
  port: number;
  url: string;
  /** The entry point it runs with `node`: the built one, or the source (with tsx) when `JEEVES_CLUSTER_FROM_SOURCE=true`. */
  entry: string;
  /** node's options before the entry point: none for the built entry, tsx's loader for the source. */
  execArgv: string[];
  env: Record<string, string | undefined>;
}

/** `SLACKBOT_REPLICAS` for `slackbot`. */
export function replicasVariable(name: string): string {
  return `${name.toUpperCase().replaceAll("-", "_")}_REPLICAS`;
}

/** How many replicas of `service` to run: `<SERVICE>_REPLICAS`, else the default; a `single` service runs one. */
export function replicasOf(service: ServiceManifest, env: Record<string, string | undefined>): number {
  const variable = replicasVariable(service.name);
  const raw = env[variable];
  const count = raw === undefined || raw === "" ? (DEFAULT_REPLICAS[service.name] ?? 1) : Number(raw);
  if (!Number.isInteger(count) || count < 1 || count > 16) {
    throw new StartupError(variable, `${variable} must be a whole number from 1 to 16`);
  }
  if (count > 1 && service.scaling === "single") {
    throw new StartupError(variable, `${service.name} keeps its state in its data folder: it runs as one replica`);
  }
  return count;
}

/** A port nobody listens on now (for a replica of a service whose port is 0). */
export function freePort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, host, () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}

/**
 * The cluster's processes, in start order: each service of the manifest (its built entry point), as many
 * replicas as {@link replicasOf} says, each with the environment the one-process suite would give it
 * (ports, data folders, the other services' URLs, the client secrets' files) plus the servers it runs
 * on (`infrastructure`: DATABASE_URL, BUS_URL, REDIS_URL) and its replica's id (`JEEVES_REPLICA_ID`).
 * The other services call replica 1 of a service (the URLs in `layout`).
 */
export async function planCluster(
  layout: SuiteLayout,
  env: Record<string, string | undefined>,
  infrastructure: Record<string, string>,
  extra: (service: ServiceManifest) => Record<string, string> = () => ({}),
): Promise<ClusterProcess[]> {
  const fromSource = env.JEEVES_CLUSTER_FROM_SOURCE === "true";
  const services = servicesDir();
  const urlHost = layout.host.includes(":") ? `[${layout.host}]` : layout.host;
  const processes: ClusterProcess[] = [];
  for (const service of SERVICE_MANIFESTS) {
    const name = service.name as keyof SuiteLayout["ports"];
    const count = replicasOf(service, env);
    const base = layout.ports[name];
    for (let replica = 1; replica <= count; replica++) {
      const port = base === 0 ? await freePort(layout.host) : base + (replica - 1) * REPLICA_PORT_STEP;
      const url = `http://${urlHost}:${port}`;
      if (replica === 1) {
        layout.ports[name] = port;
        layout.urls[name] = url;
      }
      processes.push({
        id: `${service.name}-${replica}`,
        service,
        replica,
        port,
        url,
        entry: join(services, service.name, fromSource ? service.entry.source : service.entry.built),
        execArgv: fromSource ? ["--import", "tsx"] : [],
        env: {},
      });
    }
  }
  // Every service's URLs are known now: the environments can name them.
  for (const process of processes) {
    process.env = {
      ...serviceEnv(process.service.name as keyof SuiteLayout["ports"], layout, env),
      ...infrastructure,
      ...extra(process.service),
      PORT: String(process.port),
      JEEVES_REPLICA_ID: process.id,
    };
  }
  return processes;
}
