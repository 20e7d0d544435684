import { banner } from "./banner.ts";
import type { SpecFile } from "./spec-files.ts";

/** A spec's name as a type name: `dataservice` → `Dataservice`, `slack-web-api` → `SlackWebApi`. */
export function pascalName(name: string): string {
  return name.replace(/(^|[-_])([a-z])/g, (_whole, _separator: string, letter: string) => letter.toUpperCase());
}

/** The name of a spec's client factory: `createDataserviceClient`, `createSlackWebApiClient`. */
export function clientFactoryName(name: string): string {
  return `create${pascalName(name)}Client`;
}

/** The `info.title` of a spec, or its name when it has none. */
function titleOf(spec: SpecFile): string {
  const info = spec.document.info as { title?: unknown } | undefined;
  return typeof info?.title === "string" ? info.title : spec.name;
}

/**
 * The typed client factory of one spec (`clients/<name>.ts` of @jeeves/client-kit, and through it each
 * service's entry of the packed @jeeves/clients): `create<Name>Client(options)` pairs the spec's
 * generated `paths` with its spec module, so no caller pairs them by hand; the module re-exports both,
 * with the spec's other types and `<Name>Client`, the client's type.
 */
export function renderClientFactory(spec: SpecFile): string {
  const types = `@jeeves/generated/openapi/${spec.name}`;
  const type = pascalName(spec.name);
  const factory = clientFactoryName(spec.name);
  return `${banner(spec.source)}
import { type ClientOptions, createClient, type JeevesClient } from "@jeeves/client-kit";
import type { paths } from "${types}";
import { spec } from "@jeeves/generated/specs/${spec.name}";

export type { components, operations, paths } from "${types}";
export { spec };

/** A typed client of the ${titleOf(spec)}. */
export type ${type}Client = JeevesClient<paths>;

/** A typed client of the ${titleOf(spec)}: \`${factory}({ baseUrl, encoding, gzip, auth, fetch })\`. */
export function ${factory}(options: Omit<ClientOptions, "spec">): ${type}Client {
  return createClient<paths>({ ...options, spec });
}
`;
}
