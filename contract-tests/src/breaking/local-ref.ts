/** A JSON object node of a parsed document. */
export type JsonObject = Record<string, unknown>;

/** Whether a value is a JSON object (not an array, not null). */
export function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The segments of a local JSON pointer (`#/components/schemas/A~1B` → components, schemas, A/B). */
export function pointerSegments(ref: string): string[] | undefined {
  if (ref === "#") return [];
  if (!ref.startsWith("#/")) return undefined;
  return ref
    .slice(2)
    .split("/")
    .map((segment) => decodeURIComponent(segment).replaceAll("~1", "/").replaceAll("~0", "~"));
}

/** A JSON pointer (`#/a/b~1c`) of segments. */
export function pointerOf(segments: readonly string[]): string {
  return `#${segments.map((s) => `/${s.replaceAll("~", "~0").replaceAll("/", "~1")}`).join("")}`;
}

/** The node a local `$ref` names in a document, or undefined when there is none. */
export function lookUp(root: unknown, ref: string): unknown {
  const segments = pointerSegments(ref);
  if (segments === undefined) return undefined;
  let node = root;
  for (const segment of segments) {
    if (Array.isArray(node)) node = node[Number(segment)];
    else if (isObject(node)) node = node[segment];
    else return undefined;
  }
  return node;
}

/** A node with its local `$ref`s followed: the node reached, and the first `$ref` (when it was one). */
export interface Followed {
  node: unknown;
  ref?: string;
}

/**
 * Follows a chain of local `$ref`s (`{ $ref: '#/components/messages/Reply' }`) to the node it names;
 * a node that is not a `$ref` is answered as is. A `$ref` that names nothing, is not local, or loops
 * is answered as undefined (with the `$ref`).
 */
export function follow(root: unknown, node: unknown): Followed {
  let current = node;
  let first: string | undefined;
  const seen = new Set<string>();
  while (isObject(current) && typeof current.$ref === "string") {
    const ref = current.$ref;
    first ??= ref;
    if (seen.has(ref)) return { node: undefined, ref: first };
    seen.add(ref);
    current = lookUp(root, ref);
  }
  return first === undefined ? { node: current } : { node: current, ref: first };
}

/**
 * A copy of a node with every local `$ref` replaced by (a copy of) what it names; a `$ref` back into
 * one of its own ancestors (a recursive schema) is left as is.
 */
export function dereference(root: unknown, node: unknown, stack: Set<unknown> = new Set()): unknown {
  const { node: target, ref } = follow(root, node);
  if (ref !== undefined && (target === undefined || stack.has(target))) return { $ref: ref };
  if (Array.isArray(target)) return target.map((item) => dereference(root, item, stack));
  if (!isObject(target)) return target;
  stack.add(target);
  const copy: JsonObject = {};
  for (const [key, value] of Object.entries(target)) copy[key] = dereference(root, value, stack);
  stack.delete(target);
  return copy;
}

/** JSON with object keys sorted: equal for values that mean the same, whatever their key order. */
export function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (isObject(value)) {
    const keys = Object.keys(value)
      .filter((key) => value[key] !== undefined)
      .sort();
    return `{${keys.map((key) => `${JSON.stringify(key)}:${canonical(value[key])}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}
