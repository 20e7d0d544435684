/** A JSON Pointer segment: `~` and `/` escaped (RFC 6901). */
function pointerSegment(key: string): string {
  return key.replaceAll("~", "~0").replaceAll("/", "~1");
}

/** Whether a string is well-formed UTF-16 (no lone surrogate), in one pass: Node 20 lacks `isWellFormed`. */
export function isWellFormed(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0xd800 || unit > 0xdfff) continue;
    // A high surrogate must be followed by a low one; a low one on its own is lone.
    if (unit > 0xdbff) return false;
    const next = text.charCodeAt(i + 1);
    if (!(next >= 0xdc00 && next <= 0xdfff)) return false;
    i++;
  }
  return true;
}

/**
 * The JSON Pointer (under `root`) of the first string in a parsed body, key or value, that is not
 * well-formed Unicode, or undefined when all are. Such a string cannot be encoded as UTF-8 (protobuf,
 * the bus, the database) without being changed. Walks iteratively, so a deeply nested body cannot
 * overflow the stack; each value is visited once, twice when a string is ill-formed (the second walk
 * names it).
 */
export function illFormedStringAt(value: unknown, root: string): string | undefined {
  // Nearly every body is well-formed: a first walk that builds no path answers those.
  return allWellFormed(value) ? undefined : firstIllFormedAt(value, root);
}

/** Whether every string of `value` (keys and values, any depth) is well-formed; iterative, no paths built. */
function allWellFormed(value: unknown): boolean {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const current = stack.pop();
    if (typeof current === "string") {
      if (!isWellFormed(current)) return false;
    } else if (Array.isArray(current)) {
      for (const item of current) stack.push(item);
    } else if (current !== null && typeof current === "object" && !ArrayBuffer.isView(current)) {
      for (const key of Object.keys(current)) {
        if (!isWellFormed(key)) return false;
        stack.push((current as Record<string, unknown>)[key]);
      }
    }
  }
  return true;
}

/** {@link illFormedStringAt}'s walk that keeps each value's path (in document order). */
function firstIllFormedAt(value: unknown, root: string): string | undefined {
  const stack: Array<[unknown, string]> = [[value, root]];
  while (stack.length > 0) {
    const [current, path] = stack.pop() as [unknown, string];
    if (typeof current === "string") {
      if (!isWellFormed(current)) return path;
    } else if (Array.isArray(current)) {
      for (let i = current.length - 1; i >= 0; i--) stack.push([current[i], `${path}/${i}`]);
    } else if (current !== null && typeof current === "object" && !ArrayBuffer.isView(current)) {
      const entries = Object.entries(current);
      for (let i = entries.length - 1; i >= 0; i--) {
        const [key, child] = entries[i];
        const at = `${path}/${pointerSegment(key)}`;
        if (!isWellFormed(key)) return at;
        stack.push([child, at]);
      }
    }
  }
  return undefined;
}
