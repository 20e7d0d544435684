import type { ContractDocument } from "../registry.ts";

/** A node of a parsed OpenAPI or AsyncAPI document. */
export type Node = Record<string, unknown>;

/** A parsed contract document, with what the registry says about it. */
export interface LoadedDocument {
  name: string;
  kind: ContractDocument["kind"];
  document: Node;
}

/** A schema that names a protobuf message (`x-proto-message`), to be compared with it. */
export interface ContractSchema {
  /** How differences name it: `dataservice User`, or `events messages.ChatMessage.payload` when inline. */
  label: string;
  schema: Node;
}

const PROTOBUF_TYPE = "application/x-protobuf";

function isNode(value: unknown): value is Node {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function pointer(document: Node, ref: string): Node {
  if (!ref.startsWith("#/")) throw new Error(`only local $refs are supported: ${ref}`);
  let node: unknown = document;
  for (const raw of ref.slice(2).split("/")) {
    const key = decodeURIComponent(raw).replace(/~1/g, "/").replace(/~0/g, "~");
    node = isNode(node) ? node[key] : undefined;
  }
  if (!isNode(node)) throw new Error(`unresolved $ref ${ref}`);
  return node;
}

/** Follows a node's `$ref` chain to what it finally points at (the same object for the same target). */
export function resolve(document: Node, node: Node): Node {
  let current = node;
  const seen = new Set<string>();
  while (typeof current.$ref === "string") {
    if (seen.has(current.$ref)) throw new Error(`$ref cycle at ${current.$ref}`);
    seen.add(current.$ref);
    current = pointer(document, current.$ref);
  }
  return current;
}

/** The name a `$ref` to `#/components/schemas/<name>` gives its target, if it is one. */
function schemaName(node: Node): string | undefined {
  const ref = node.$ref;
  const match = typeof ref === "string" ? /^#\/components\/schemas\/([^/]+)$/.exec(ref) : null;
  return match ? decodeURIComponent(match[1]).replace(/~1/g, "/").replace(/~0/g, "~") : undefined;
}

const METHODS = ["get", "put", "post", "delete", "patch", "head", "options", "trace"];

/** Request and response body schemas written inline (not a `$ref`) in an OpenAPI document's paths. */
function inlineBodies(loaded: LoadedDocument): ContractSchema[] {
  const { document, name: doc } = loaded;
  const found: ContractSchema[] = [];
  const seen = new Set<string>();
  const visit = (label: string, holder: unknown) => {
    if (!isNode(holder)) return;
    const content = resolve(document, holder).content;
    for (const media of Object.values(isNode(content) ? content : {})) {
      const schema = isNode(media) ? media.schema : undefined;
      // The same inline schema is usually repeated for each media type: compare each distinct one once.
      const key = `${label} ${JSON.stringify(schema)}`;
      if (!isNode(schema) || schema.$ref !== undefined || seen.has(key)) continue;
      seen.add(key);
      found.push({ label, schema });
    }
  };
  for (const [path, item] of Object.entries(isNode(document.paths) ? document.paths : {})) {
    if (!isNode(item)) continue;
    for (const method of METHODS) {
      const op = item[method];
      if (!isNode(op)) continue;
      const name = typeof op.operationId === "string" ? op.operationId : `${method.toUpperCase()} ${path}`;
      visit(`${doc} ${name} request body`, op.requestBody);
      const responses = isNode(op.responses) ? op.responses : {};
      for (const [status, response] of Object.entries(responses)) visit(`${doc} ${name} ${status} body`, response);
    }
  }
  return found;
}

/**
 * The schemas of a document the consistency check compares with protobuf: every entry of
 * `components.schemas` (whatever the document kind) that has `x-proto-message`; for OpenAPI also
 * request and response bodies written inline in the paths that have one; and for AsyncAPI the
 * payload of every `components.messages` entry (AsyncAPI 3 multi-format payloads too): an inline payload
 * with `x-proto-message` is checked under its own label, a `$ref` to a schema is checked once, as that
 * schema. `problems` lists protobuf messages whose payload names no message.
 */
export function contractSchemas(loaded: LoadedDocument): { schemas: ContractSchema[]; problems: string[] } {
  const { document, name: doc } = loaded;
  const schemas: ContractSchema[] = [];
  const problems: string[] = [];
  const seen = new Set<Node>();
  const add = (label: string, schema: Node) => {
    if (seen.has(schema)) return;
    seen.add(schema);
    if (typeof schema["x-proto-message"] === "string") schemas.push({ label, schema });
  };
  const components = isNode(document.components) ? document.components : {};
  const componentSchemas = isNode(components.schemas) ? components.schemas : {};
  for (const [name, node] of Object.entries(componentSchemas)) {
    if (isNode(node)) add(`${doc} ${name}`, resolve(document, node));
  }
  if (loaded.kind === "openapi") {
    for (const { label, schema } of inlineBodies(loaded)) add(label, schema);
    return { schemas, problems };
  }
  const messages = isNode(components.messages) ? components.messages : {};
  const defaultType = typeof document.defaultContentType === "string" ? document.defaultContentType : undefined;
  for (const [name, node] of Object.entries(messages)) {
    if (!isNode(node)) continue;
    const message = resolve(document, node);
    let payload = message.payload;
    if (isNode(payload) && isNode(payload.schema) && "schemaFormat" in payload) payload = payload.schema;
    if (!isNode(payload)) continue;
    const label = `${doc} messages.${name}.payload`;
    const target = resolve(document, payload);
    const refName = schemaName(payload);
    add(refName ? `${doc} ${refName}` : label, target);
    const contentType = typeof message.contentType === "string" ? message.contentType : defaultType;
    if (contentType === PROTOBUF_TYPE && typeof target["x-proto-message"] !== "string") {
      problems.push(`${label}: sent as ${PROTOBUF_TYPE} but its schema has no x-proto-message`);
    }
  }
  return { schemas, problems };
}
