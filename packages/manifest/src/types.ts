/** How a service uses a piece of infrastructure: it cannot run without it, or it has an embedded default. */
export type InfrastructureUse = "required" | "optional";

/** The infrastructure a service may use at scale (each has an embedded default where it is optional). */
export type Infrastructure = "postgres" | "rabbitmq" | "redis";

/** A service's TokenDealer client, as its manifest declares it. */
export interface ServiceClient {
  /** The client id. */
  id: string;
  /** The scopes of its own tokens (client credentials), by audience. */
  scopes: Record<string, string[]>;
  /** The scopes of the tokens it may get for a person (token exchange), by audience; absent when none. */
  personScopes?: Record<string, string[]>;
}

/**
 * A service as it declares itself once, in `services/<name>/service.json` (schema: service.schema.json).
 * The one-process suite, the TokenDealer's default clients, the contract tests, `start:cluster` and the
 * deploy files read it.
 */
export interface ServiceManifest {
  /** The schema the file follows (editors use it). */
  $schema?: string;
  /** kebab-case name: its folder under services/, its workspace `@jeeves/<name>`, its spec `specs/openapi/<name>.yaml`. */
  name: string;
  /** One line on what it does. */
  description: string;
  /** The variable that sets its port in the suite and the cluster, and the port it takes by default. */
  port: { variable: string; default: number };
  /** The audience of the tokens it accepts (its name). */
  audience: string;
  /**
   * The OAuth 2.0 scopes its own operations accept, as its spec declares them, in their documented order:
   * the TokenDealer knows these, and its administrator client holds them all. Empty when it takes none.
   */
  scopes: string[];
  /** Its entry point, relative to its folder: the TypeScript source (tsx) and the built JavaScript (node). */
  entry: { source: string; built: string };
  /**
   * The TokenDealer client it calls other services with, and exactly the scopes it asks for, by audience;
   * null when it calls none. `personScopes`, by audience, are the scopes of the tokens it may get for a
   * person (token exchange, RFC 8693: `sub` the person, `act` the client); only a client with them may
   * ask for such tokens, and the service they are for decides what the person may do.
   */
  client: ServiceClient | null;
  /** The services it calls, which must be up before it: they come before it in the list. */
  dependsOn: string[];
  /** What it uses at scale. */
  infrastructure: Partial<Record<Infrastructure, InfrastructureUse>>;
  /**
   * Its variables in production: `required` must be set (no embedded default there), `secrets` hold
   * secrets (each may also be given as a file, `<NAME>_FILE` where the service reads one) and come from a
   * secret store, never from a ConfigMap.
   */
  variables: { required: string[]; secrets: string[] };
  /** `replicated`: any number of replicas share its state elsewhere; `single`: one replica (state in its data folder). */
  scaling: "replicated" | "single";
  /** Its health paths: liveness and readiness. */
  probes: { liveness: string; readiness: string };
  /** True when it keeps files in its data folder (`DATA_DIR`) that must survive a restart. */
  dataDir?: boolean;
}
