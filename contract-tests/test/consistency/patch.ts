/** One change to a fixture document: set the value at a JSON pointer, or remove what is there. */
export type Patch = { set: string; value: unknown } | { remove: string };

function keys(pointer: string): string[] {
  if (!pointer.startsWith("/")) throw new Error(`not a JSON pointer: ${pointer}`);
  return pointer
    .slice(1)
    .split("/")
    .map((key) => key.replace(/~1/g, "/").replace(/~0/g, "~"));
}

/** Applies a patch in place; throws when the parent of the pointer does not exist. */
export function applyPatch(document: unknown, patch: Patch): void {
  const path = keys("set" in patch ? patch.set : patch.remove);
  const last = path.pop() as string;
  let node = document as Record<string, unknown>;
  for (const key of path) {
    const next = node[key];
    if (next === null || typeof next !== "object") throw new Error(`no ${key} on the way to ${last}`);
    node = next as Record<string, unknown>;
  }
  if ("set" in patch) node[last] = patch.value;
  else if (!(last in node)) throw new Error(`nothing to remove at ${patch.remove}`);
  else delete node[last];
}
