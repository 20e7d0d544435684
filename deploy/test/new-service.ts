import type { ServiceManifest } from "@jeeves/manifest";

/** A service that is not in the manifest (yet): `road-works`, replicated, calling the dataservice; `changes` override. */
export function newService(changes: Partial<ServiceManifest> = {}): ServiceManifest {
  return {
    name: "road-works",
    description: "Road works near a user",
    port: { variable: "ROAD_WORKS_PORT", default: 3006 },
    audience: "road-works",
    scopes: ["road-works:read"],
    entry: { source: "src/server.ts", built: "dist/server.js" },
    client: { id: "road-works", scopes: { dataservice: ["users:read"] } },
    dependsOn: ["tokendealer", "dataservice"],
    infrastructure: { redis: "optional" },
    variables: {
      required: ["TOKENDEALER_URL", "DATASERVICE_URL", "ROAD_WORKS_CLIENT_SECRET", "ROAD_WORKS_API_KEY"],
      secrets: ["ROAD_WORKS_CLIENT_SECRET", "ROAD_WORKS_API_KEY"],
    },
    scaling: "replicated",
    probes: { liveness: "/health", readiness: "/ready" },
    ...changes,
  };
}
