import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { BUS_VARIABLES, CONNECT_RETRY_VARIABLES, LOG_LEVEL_VARIABLE, REDIS_VARIABLES } from "@jeeves/service-kit";
import { parseAllDocuments } from "yaml";

/** The repository root. */
export const ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** The deploy folder. */
export const DEPLOY = join(ROOT, "deploy");

/** A committed file below deploy/, as text. */
export function deployText(path: string): string {
  return readFileSync(join(DEPLOY, path), "utf8");
}

/** The YAML documents of a committed file below deploy/ (YAML 1.1, as Compose and kubectl read it); throws on a YAML error. */
export function deployYaml(path: string): Record<string, unknown>[] {
  return parseAllDocuments(deployText(path), { version: "1.1" }).map((document) => {
    if (document.errors.length > 0) throw new Error(`${path}: ${document.errors[0].message}`);
    return document.toJS() as Record<string, unknown>;
  });
}

/** The paths of a service's OpenAPI spec (specs/openapi/<name>.yaml). */
export function specPaths(service: string): string[] {
  const documents = parseAllDocuments(readFileSync(join(ROOT, "specs/openapi", `${service}.yaml`), "utf8"));
  return Object.keys((documents[0].toJS() as { paths?: Record<string, unknown> }).paths ?? {});
}

/** The service kit's shared variable groups a config.ts spreads into its schema, by their exported names. */
const SHARED_VARIABLES: Record<string, Record<string, unknown>> = {
  LOG_LEVEL_VARIABLE,
  CONNECT_RETRY_VARIABLES,
  BUS_VARIABLES,
  REDIS_VARIABLES,
};

/** The variables a service's configuration reads (the keys of its `readConfig` schema in src/config.ts). */
export function configVariables(service: string): Set<string> {
  const text = readFileSync(join(ROOT, "services", service, "src/config.ts"), "utf8");
  const names = new Set([...text.matchAll(/^ {6}([A-Z][A-Z0-9_]*): \{/gm)].map((match) => match[1]));
  for (const [spread, variables] of Object.entries(SHARED_VARIABLES)) {
    if (text.includes(`...${spread}`)) for (const name of Object.keys(variables)) names.add(name);
  }
  return names;
}

/** A plain-object view of a parsed value, for walking YAML without casts at each step. */
export type Json = Record<string, unknown>;
