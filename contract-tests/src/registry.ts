import { fileURLToPath } from "node:url";
import { SERVICE_MANIFESTS } from "@jeeves/manifest";
import type { DreddProviderModule } from "./dredd/providers/types.ts";

/** The repository root (contract-tests/ sits directly under it). */
export const ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** A contract document the gates check: an OpenAPI spec or an AsyncAPI document. */
export interface ContractDocument {
  /** Short name, e.g. `dataservice`. */
  name: string;
  kind: "openapi" | "asyncapi";
  /** Path relative to the repository root. */
  path: string;
  /**
   * True for our description of someone else's API (specs/openapi/external/: Slack, OpenWeatherMap):
   * it follows that API's format, not ours, so the lint applies `recommended` and the generic rules but
   * not the house rules, and the OpenAPI ↔ protobuf check skips it (it names no protobuf message).
   */
  external?: boolean;
}

/** A service verified as a provider (Dredd) and whose consumers are checked against its mock (Prism). */
export interface ProviderService {
  name: string;
  /** Its OpenAPI document, relative to the repository root. */
  spec: string;
  /** The workspace package that holds it. */
  workspace: string;
  /** Starts it in-process and seeds it for Dredd's provider verification (src/dredd/providers/<name>.ts). */
  dredd?: () => Promise<DreddProviderModule>;
}

/**
 * The services of the manifest (`@jeeves/manifest`, in start order), each verified as a provider: its spec
 * `specs/openapi/<name>.yaml` (which joins DOCUMENTS by itself), its workspace `@jeeves/<name>` and its
 * Dredd provider module `src/dredd/providers/<name>.ts`. External specs (Slack, OpenWeatherMap subsets)
 * are documents but not providers.
 */
export const PROVIDERS: ProviderService[] = SERVICE_MANIFESTS.map(({ name }) => ({
  name,
  spec: `specs/openapi/${name}.yaml`,
  workspace: `@jeeves/${name}`,
  dredd: () => import(`./dredd/providers/${name}.ts`) as Promise<DreddProviderModule>,
}));

/** Where the external documents live (relative to the repository root); every file there is in EXTERNAL. */
export const EXTERNAL_DIR = "specs/openapi/external";

/**
 * The subsets of external APIs our services call, as we describe them: consumers are checked against
 * their mocks (`npm run mock -- <name>`), nothing provides them here.
 */
export const EXTERNAL: ContractDocument[] = [
  { name: "slack-web-api", kind: "openapi", path: `${EXTERNAL_DIR}/slack-web-api.yaml`, external: true },
  { name: "openweathermap", kind: "openapi", path: `${EXTERNAL_DIR}/openweathermap.yaml`, external: true },
];

/** Every contract document the lint, breaking-change and consistency gates run on. */
export const DOCUMENTS: ContractDocument[] = [
  ...PROVIDERS.map((p) => ({ name: p.name, kind: "openapi" as const, path: p.spec })),
  { name: "bus", kind: "asyncapi", path: "specs/asyncapi/bus.yaml" },
  ...EXTERNAL,
];
