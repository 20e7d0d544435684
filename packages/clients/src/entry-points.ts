/** A spec that becomes a subpath of @jeeves/clients, such as `@jeeves/clients/dataservice`. */
export interface SpecEntry {
  name: string;
  version: string;
  title: string;
}

function pascal(name: string): string {
  return name.replace(/(^|[-_])([a-z])/g, (_, _sep: string, c: string) => c.toUpperCase());
}

/** The package's main module: the client factories and token provider. */
export function renderIndex(): string {
  return `/** Typed clients for the Jeeves services. Each service is a subpath: \`@jeeves/clients/<service>\`. */
export { createClient, createTokenProvider, TokenRequestError } from "./client-kit/index.ts";
export type { ClientOptions, JeevesClient, TokenProvider, TokenProviderOptions } from "./client-kit/index.ts";
`;
}

/** One module per spec: its types, the spec itself, and a factory bound to it. */
export function renderSpecEntry(entry: SpecEntry): string {
  const type = pascal(entry.name);
  return `import { type ClientOptions, createClient, type JeevesClient } from "./client-kit/index.ts";
import type { paths } from "./generated/openapi/${entry.name}.ts";
import { spec } from "./generated/specs/${entry.name}.ts";

export type { components, operations, paths } from "./generated/openapi/${entry.name}.ts";
export { spec };

/** The version of the ${entry.title} spec this module was generated from. */
export const specVersion = ${JSON.stringify(entry.version)};

/** A typed client of the ${entry.title}: \`create${type}Client({ baseUrl, encoding, gzip, auth })\`. */
export function create${type}Client(options: Omit<ClientOptions, "spec">): JeevesClient<paths> {
  return createClient<paths>({ ...options, spec });
}
`;
}
