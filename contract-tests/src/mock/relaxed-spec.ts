import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

type Node = Record<string, unknown>;

const METHODS = ["get", "put", "post", "delete", "patch", "head", "options", "trace"];

function relaxParameter(parameter: Node): void {
  if (typeof parameter.$ref === "string") return; // relaxed where it is defined, in components
  if ("schema" in parameter) parameter.schema = {};
  for (const media of Object.values((parameter.content ?? {}) as Record<string, Node>)) media.schema = {};
  if (parameter.in !== "path") parameter.required = false;
}

function relaxRequestBody(body: Node | undefined): void {
  if (!body || typeof body.$ref === "string") return;
  body.required = false;
  for (const media of Object.values((body.content ?? {}) as Record<string, Node>)) media.schema = {};
}

/**
 * A copy of an OpenAPI document whose requests cannot break it: parameter and request body schemas are
 * emptied, nothing but path parameters is required, and security is dropped. Prism's mock mode always
 * validates requests, so this is how `validateRequests: false` is done; responses keep their schemas.
 */
export function relaxRequests(document: Node): Node {
  const copy = structuredClone(document);
  delete copy.security;
  for (const item of Object.values((copy.paths ?? {}) as Record<string, Node>)) {
    for (const parameter of (item.parameters ?? []) as Node[]) relaxParameter(parameter);
    for (const method of METHODS) {
      const operation = item[method] as Node | undefined;
      if (!operation) continue;
      delete operation.security;
      for (const parameter of (operation.parameters ?? []) as Node[]) relaxParameter(parameter);
      relaxRequestBody(operation.requestBody as Node | undefined);
    }
  }
  const components = (copy.components ?? {}) as Node;
  for (const parameter of Object.values((components.parameters ?? {}) as Record<string, Node>))
    relaxParameter(parameter);
  for (const body of Object.values((components.requestBodies ?? {}) as Record<string, Node>)) relaxRequestBody(body);
  return copy;
}

/** Writes the relaxed copy of a document to a temporary file; `remove()` deletes it. */
export async function writeRelaxedSpec(document: Node): Promise<{ file: string; remove(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), "jeeves-mock-"));
  const file = join(dir, "relaxed.openapi.json");
  await writeFile(file, JSON.stringify(relaxRequests(document)));
  return { file, remove: () => rm(dir, { recursive: true, force: true }) };
}
