import { readFile } from "node:fs/promises";
import { isAbsolute, resolve } from "node:path";
import { parse } from "yaml";
import { ROOT } from "../registry.ts";

/** A spec path made absolute: relative paths are taken from the repository root. */
export function specPath(spec: string): string {
  return isAbsolute(spec) ? spec : resolve(ROOT, spec);
}

/** Reads an OpenAPI document (YAML or JSON) into a plain object. */
export async function loadSpec(path: string): Promise<Record<string, unknown>> {
  const document = parse(await readFile(path, "utf8")) as unknown;
  if (document === null || typeof document !== "object" || !("openapi" in document)) {
    throw new Error(`${path} is not an OpenAPI document`);
  }
  return document as Record<string, unknown>;
}
