import type { Infrastructure, ServiceManifest } from "@jeeves/manifest";

/** The variable that holds each piece of infrastructure's connection URL (it may carry a password). */
export const INFRASTRUCTURE_VARIABLES: Readonly<Record<Infrastructure, string>> = {
  postgres: "DATABASE_URL",
  rabbitmq: "BUS_URL",
  redis: "REDIS_URL",
};

/** Where one of a service's variables comes from in a deployment. */
export type VariableSource =
  /** Another service's (or its own) base URL: `<NAME>_URL`. Not a secret. */
  | { kind: "service-url"; service: string }
  /** A connection URL of PostgreSQL, RabbitMQ or Redis; kept with the secrets, as it may carry a password. */
  | { kind: "infrastructure"; infrastructure: Infrastructure }
  /** The secret of the TokenDealer client the service calls others with (written by the TokenDealer). */
  | { kind: "client-secret"; client: string }
  /** A secret the operator provides (Slack, OpenWeatherMap, the encryption key...). */
  | { kind: "secret" };

/** One variable a deployment gives a service: its name, whether the manifest requires it, and its source. */
export interface DeployVariable {
  name: string;
  required: boolean;
  source: VariableSource;
}

/** The variable holding a service's base URL: `WEATHER_URL` for `weather`, `ROAD_WORKS_URL` for `road-works`. */
export function urlVariable(service: string): string {
  return `${service.toUpperCase().replaceAll("-", "_")}_URL`;
}

/** The variable holding a TokenDealer client's secret: `ACTIONS_CLIENT_SECRET` for the client `actions`. */
export function clientSecretVariable(client: string): string {
  return `${client.toUpperCase().replaceAll("-", "_")}_CLIENT_SECRET`;
}

/** True for a source whose value is secret: never in a ConfigMap or a committed file. */
export function isSecretSource(source: VariableSource): boolean {
  return source.kind !== "service-url";
}

function sourceOf(
  name: string,
  service: ServiceManifest,
  services: readonly ServiceManifest[],
): VariableSource | undefined {
  const target = services.find((other) => urlVariable(other.name) === name);
  if (target) return { kind: "service-url", service: target.name };
  const infrastructure = (Object.keys(INFRASTRUCTURE_VARIABLES) as Infrastructure[]).find(
    (key) => INFRASTRUCTURE_VARIABLES[key] === name,
  );
  if (infrastructure) {
    throw new Error(`${service.name}: ${name} is required but its manifest declares no ${infrastructure} use`);
  }
  if (service.client && name === clientSecretVariable(service.client.id)) {
    return { kind: "client-secret", client: service.client.id };
  }
  if (service.variables.secrets.includes(name)) {
    // A `<NAME>_FILE` secret names a file; its default is in the service's data folder.
    if (name.endsWith("_FILE") && !service.variables.required.includes(name)) return undefined;
    return { kind: "secret" };
  }
  throw new Error(
    `${service.name}: the deploy files do not know where ${name} comes from: list it in variables.secrets ` +
      "of its service.json, or give it a source in deploy/src/variables.ts",
  );
}

/**
 * Every variable a deployment gives `service`, sorted by name: the URLs of the services it depends on,
 * the connection URLs of the infrastructure it uses, its client secret, and each variable its manifest
 * requires or names as a secret. Throws when a required variable has no known source, so a new variable
 * cannot be forgotten by the deploy files.
 */
export function deployVariables(service: ServiceManifest, services: readonly ServiceManifest[]): DeployVariable[] {
  const found = new Map<string, VariableSource>();
  for (const dependency of service.dependsOn)
    found.set(urlVariable(dependency), { kind: "service-url", service: dependency });
  for (const infrastructure of Object.keys(service.infrastructure) as Infrastructure[]) {
    found.set(INFRASTRUCTURE_VARIABLES[infrastructure], { kind: "infrastructure", infrastructure });
  }
  if (service.client) {
    found.set(clientSecretVariable(service.client.id), { kind: "client-secret", client: service.client.id });
  }
  for (const name of [...service.variables.required, ...service.variables.secrets]) {
    if (found.has(name)) continue;
    const source = sourceOf(name, service, services);
    if (source) found.set(name, source);
  }
  return [...found.entries()]
    .map(([name, source]) => ({ name, required: service.variables.required.includes(name), source }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
