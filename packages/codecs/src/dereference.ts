/** A JSON schema or any other node of an OpenAPI document. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function pointer(document: Record<string, unknown>, ref: string): unknown {
  if (!ref.startsWith("#/")) throw new Error(`only local $refs are supported: ${ref}`);
  let node: unknown = document;
  for (const raw of ref.slice(2).split("/")) {
    const key = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    node = (node as Record<string, unknown> | undefined)?.[key];
    if (node === undefined) throw new Error(`unresolved $ref ${ref}`);
  }
  return node;
}

/**
 * Returns a copy of an OpenAPI document with every local `$ref` replaced by what it points at.
 * A referenced node is resolved once and shared, so cycles do not loop.
 */
export function dereference<T extends Record<string, unknown>>(document: T): T {
  const resolved = new Map<string, unknown>();
  const walk = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(walk);
    if (node === null || typeof node !== "object") return node;
    const object = node as Record<string, unknown>;
    if (typeof object.$ref === "string") {
      const ref = object.$ref;
      const cached = resolved.get(ref);
      if (cached) return cached;
      const target: Record<string, unknown> = {};
      resolved.set(ref, target);
      Object.assign(target, walk(pointer(document, ref)) as object);
      return target;
    }
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(object)) out[key] = walk(value);
    return out;
  };
  return walk(document) as T;
}
