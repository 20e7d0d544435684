import type { Infrastructure, ServiceManifest } from "@jeeves/manifest";
import { CLIENT_SECRETS_MOUNT, dataDir, fetchCheck, imageName, infrastructureUsed, serviceUrl } from "./layout.ts";
import { TOKENDEALER } from "./tokendealer.ts";
import { type DeployVariable, deployVariables } from "./variables.ts";

/** The compose file, as an object to write as YAML, and the variables it reads from `deploy/.env`. */
export interface ComposeFile {
  document: Record<string, unknown>;
  /** Each variable the file interpolates: whether it must be set, and what it is for. */
  environment: Map<string, { required: boolean; about: string }>;
}

/** What the compose file says when a required variable of deploy/.env is unset. */
const UNSET = "set it in deploy/.env (see deploy/env.example)";

/** The infrastructure of the compose file: the images the test suites run against, with a password each. */
const INFRASTRUCTURE: Record<
  Infrastructure,
  { password: string; url: (password: string) => string; service: (password: string) => Record<string, unknown> }
> = {
  postgres: {
    password: "POSTGRES_PASSWORD",
    url: (password) => `postgres://jeeves:${password}@postgres:5432/jeeves`,
    service: (password) => ({
      image: "postgres:15-bookworm",
      restart: "unless-stopped",
      environment: { POSTGRES_USER: "jeeves", POSTGRES_DB: "jeeves", POSTGRES_PASSWORD: password },
      volumes: ["postgres-data:/var/lib/postgresql/data"],
      healthcheck: {
        test: ["CMD", "pg_isready", "--username=jeeves", "--dbname=jeeves"],
        interval: "5s",
        timeout: "3s",
        retries: 30,
      },
    }),
  },
  rabbitmq: {
    password: "RABBITMQ_PASSWORD",
    url: (password) => `amqp://jeeves:${password}@rabbitmq:5672`,
    service: (password) => ({
      image: "rabbitmq:3.13-alpine",
      // RabbitMQ names its data after the host: a fixed one keeps the queues across restarts.
      hostname: "rabbitmq",
      restart: "unless-stopped",
      environment: { RABBITMQ_DEFAULT_USER: "jeeves", RABBITMQ_DEFAULT_PASS: password },
      volumes: ["rabbitmq-data:/var/lib/rabbitmq"],
      healthcheck: {
        test: ["CMD", "rabbitmq-diagnostics", "--quiet", "ping"],
        interval: "10s",
        timeout: "5s",
        retries: 30,
        start_period: "20s",
      },
    }),
  },
  redis: {
    password: "REDIS_PASSWORD",
    url: (password) => `redis://:${password}@redis:6379`,
    service: (password) => ({
      image: "redis:7.2-alpine",
      restart: "unless-stopped",
      command: ["redis-server", "--requirepass", password, "--appendonly", "yes"],
      // redis-cli reads the password from REDISCLI_AUTH (not from its command line).
      environment: { REDISCLI_AUTH: password },
      volumes: ["redis-data:/data"],
      healthcheck: { test: ["CMD", "redis-cli", "ping"], interval: "5s", timeout: "3s", retries: 30 },
    }),
  },
};

/** The value of a compose variable from deploy/.env: `${NAME:?...}` when it must be set, `${NAME:-}` when not. */
export function interpolation(name: string, required: boolean): string {
  return required ? `\${${name}:?${UNSET}}` : `\${${name}:-}`;
}

function environmentOf(
  service: ServiceManifest,
  services: readonly ServiceManifest[],
  variables: DeployVariable[],
  read: (name: string, required: boolean, about: string) => string,
): Record<string, string> {
  const environment: Record<string, string> = { PORT: String(service.port.default) };
  if (service.dataDir) environment.DATA_DIR = dataDir(service.name);
  environment.LOG_LEVEL = `\${LOG_LEVEL:-info}`;
  for (const variable of variables) {
    const { source } = variable;
    if (source.kind === "service-url") {
      environment[variable.name] = serviceUrl(services.find((other) => other.name === source.service)!);
    } else if (source.kind === "infrastructure") {
      const infrastructure = INFRASTRUCTURE[source.infrastructure];
      environment[variable.name] = infrastructure.url(
        read(infrastructure.password, true, `the password of ${source.infrastructure}`),
      );
    } else if (source.kind === "client-secret") {
      // Written by the TokenDealer on its first start; read from its data volume (see the volumes).
      environment[`${variable.name}_FILE`] = `${CLIENT_SECRETS_MOUNT}/${source.client}.secret`;
    } else {
      environment[variable.name] = read(variable.name, variable.required, `${service.name}`);
    }
  }
  return environment;
}

function volumesOf(service: ServiceManifest): unknown[] {
  const volumes: unknown[] = [];
  if (service.dataDir) volumes.push(`${service.name}-data:${dataDir(service.name)}`);
  if (service.client) {
    // Only the secrets/ folder of the TokenDealer's volume (not its signing keys), read-only.
    volumes.push({
      type: "volume",
      source: `${TOKENDEALER}-data`,
      target: CLIENT_SECRETS_MOUNT,
      read_only: true,
      volume: { subpath: "secrets" },
    });
  }
  return volumes;
}

/**
 * deploy/compose.yaml: PostgreSQL, RabbitMQ and Redis (those the services use), then every service of
 * the manifest in start order, each built from deploy/Dockerfile, started once the services and the
 * infrastructure it depends on answer their readiness checks. Secrets come from deploy/.env only.
 */
export function composeFile(
  services: readonly ServiceManifest[],
  versions: Readonly<Record<string, string>>,
): ComposeFile {
  const environment = new Map<string, { required: boolean; about: string }>();
  const read = (name: string, required: boolean, about: string): string => {
    const known = environment.get(name);
    if (known) {
      known.required ||= required;
      if (!known.about.split(", ").includes(about)) known.about = `${known.about}, ${about}`;
    } else {
      environment.set(name, { required, about });
    }
    return interpolation(name, required);
  };
  const composeServices: Record<string, unknown> = {};
  for (const infrastructure of infrastructureUsed(services)) {
    const { password, service } = INFRASTRUCTURE[infrastructure];
    composeServices[infrastructure] = service(read(password, true, `the password of ${infrastructure}`));
  }
  for (const service of services) {
    const variables = deployVariables(service, services);
    const port = service.port.default;
    const dependsOn: Record<string, { condition: string }> = {};
    for (const name of [...service.dependsOn, ...infrastructureUsed([service])]) {
      dependsOn[name] = { condition: "service_healthy" };
    }
    const volumes = volumesOf(service);
    composeServices[service.name] = {
      image: `${imageName(service.name)}:${versions[service.name]}`,
      build: {
        context: "..",
        dockerfile: "deploy/Dockerfile",
        args: { SERVICE: service.name, PORT: String(port) },
      },
      restart: "unless-stopped",
      environment: environmentOf(service, services, variables, read),
      expose: [String(port)],
      // Published on the host's loopback only: put a reverse proxy (TLS) in front of what must be public.
      ports: [`127.0.0.1:${port}:${port}`],
      ...(volumes.length > 0 ? { volumes } : {}),
      read_only: true,
      tmpfs: ["/tmp"],
      cap_drop: ["ALL"],
      security_opt: ["no-new-privileges:true"],
      // Ready when its readiness path answers 2xx; the services that depend on it start then.
      healthcheck: {
        test: ["CMD", ...fetchCheck(port, service.probes.readiness)],
        interval: "10s",
        timeout: "3s",
        retries: 3,
        start_period: "60s",
      },
      ...(Object.keys(dependsOn).length > 0 ? { depends_on: dependsOn } : {}),
      // Time to drain on SIGTERM before SIGKILL.
      stop_grace_period: "30s",
    };
  }
  environment.set("LOG_LEVEL", { required: false, about: "every service (default info)" });
  const volumes: Record<string, Record<string, never>> = {};
  for (const infrastructure of infrastructureUsed(services)) volumes[`${infrastructure}-data`] = {};
  for (const service of services) if (service.dataDir) volumes[`${service.name}-data`] = {};
  return { document: { name: "jeeves", services: composeServices, volumes }, environment };
}

/** deploy/env.example: every variable compose.yaml reads from deploy/.env, empty, with what it is for. */
export function envExample(environment: ComposeFile["environment"], header: string): string {
  const lines = [
    header,
    "# Copy to deploy/.env (never committed) and fill in. Passwords: URL-safe, e.g. `openssl rand -hex 24`.",
    "# DATASERVICE_ENCRYPTION_KEY: 32 bytes, base64 (`openssl rand -base64 32`).",
    "",
  ];
  const names = [...environment.keys()].sort();
  for (const name of names) {
    const { required, about } = environment.get(name)!;
    lines.push(`# ${required ? "required" : "optional"}: ${about}`, `${name}=`);
  }
  return `${lines.join("\n")}\n`;
}
