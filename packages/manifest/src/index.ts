import { SERVICE_MANIFESTS } from "./services.ts";
import type { ServiceManifest } from "./types.ts";

export { checkManifests } from "./check.ts";
export { SERVICE_GLIBC_TUNABLES, SERVICE_NODE_OPTIONS, serviceProcessEnv } from "./service-process-env.ts";
export { SERVICE_MANIFESTS } from "./services.ts";
export type { Infrastructure, InfrastructureUse, ServiceClient, ServiceManifest } from "./types.ts";

/** The services' names, in start order. */
export const SERVICE_NAMES: readonly string[] = SERVICE_MANIFESTS.map((service) => service.name);

/** The services' audiences (each service's name), in start order. */
export const SERVICE_AUDIENCES: readonly string[] = SERVICE_MANIFESTS.map((service) => service.audience);

/** Every scope the services accept, in start order and each service's documented order. */
export const SERVICE_SCOPES: readonly string[] = SERVICE_MANIFESTS.flatMap((service) => service.scopes);

/** The manifest of `name`; throws for a name that is not a service. */
export function serviceManifest(name: string): ServiceManifest {
  const found = SERVICE_MANIFESTS.find((service) => service.name === name);
  if (!found) throw new Error(`no service named ${name} (services: ${SERVICE_NAMES.join(", ")})`);
  return found;
}

/** A TokenDealer client of a service, as the TokenDealer defines it. */
export interface ServiceClientDefinition {
  id: string;
  /** The union of the scopes of its own tokens. */
  scopes: string[];
  /** The audiences of its own tokens. */
  audiences: string[];
  /** The scopes of the tokens it may get for a person, by audience; only present when it has some. */
  personScopes?: Record<string, string[]>;
}

/**
 * The TokenDealer clients the services call with: id, scopes and audiences, and the person scopes by
 * audience of a client that has them, from their manifests.
 */
export function serviceClients(): ServiceClientDefinition[] {
  return SERVICE_MANIFESTS.flatMap((service) => {
    if (!service.client) return [];
    const { id, scopes, personScopes } = service.client;
    const definition: ServiceClientDefinition = {
      id,
      scopes: [...new Set(Object.values(scopes).flat())],
      audiences: Object.keys(scopes),
    };
    if (personScopes) {
      definition.personScopes = Object.fromEntries(
        Object.entries(personScopes).map(([audience, list]) => [audience, [...list]]),
      );
    }
    return [definition];
  });
}
