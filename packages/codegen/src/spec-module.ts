import { banner } from "./banner.ts";
import type { SpecFile } from "./spec-files.ts";

/** Renders the spec as a TypeScript module, so services and clients load it without reading YAML. */
export function renderSpecModule(spec: SpecFile): string {
  return `${banner(spec.source)}
/** The OpenAPI document of ${spec.name}, as parsed from its YAML. */
export const spec: Record<string, unknown> = ${JSON.stringify(spec.document, null, 2)};

export default spec;
`;
}
