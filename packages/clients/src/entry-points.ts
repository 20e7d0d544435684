/** A spec that becomes a subpath of @jeeves/clients, such as `@jeeves/clients/dataservice`. */
export interface SpecEntry {
  name: string;
  version: string;
  title: string;
}

/** The package's main module: the client factories and token provider. */
export function renderIndex(): string {
  return `/** Typed clients for the Jeeves services. Each service is a subpath: \`@jeeves/clients/<service>\`. */
export { createClient, createTokenProvider, TokenRequestError } from "./client-kit/index.ts";
export type { ClientOptions, JeevesClient, TokenProvider, TokenProviderOptions } from "./client-kit/index.ts";
`;
}

/**
 * One module per spec: the client kit's generated module of the spec (its types, the spec itself and
 * `create<Service>Client`, staged as `clients/<name>.ts`: the very factory the repository uses), and the
 * spec's version.
 */
export function renderSpecEntry(entry: SpecEntry): string {
  return `export * from "./clients/${entry.name}.ts";

/** The version of the ${entry.title} spec this module was generated from. */
export const specVersion = ${JSON.stringify(entry.version)};
`;
}
