import { SERVICE_MANIFESTS } from "./services.ts";
import type { ServiceManifest } from "./types.ts";

export { checkManifests } from "./check.ts";
export { SERVICE_MANIFESTS } from "./services.ts";
export type { Infrastructure, InfrastructureUse, ServiceManifest } from "./types.ts";

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

/** The TokenDealer clients the services call with: id, scopes and audiences, from their manifests. */
export function serviceClients(): { id: string; scopes: string[]; audiences: string[] }[] {
  return SERVICE_MANIFESTS.flatMap((service) =>
    service.client
      ? [
          {
            id: service.client.id,
            scopes: [...new Set(Object.values(service.client.scopes).flat())],
            audiences: Object.keys(service.client.scopes),
          },
        ]
      : [],
  );
}
