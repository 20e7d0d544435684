import { apiCompare, type Diff } from "api-smart-diff";

/** api-smart-diff's classification of a change, possibly made stricter by {@link diffDocuments}. */
export type ChangeType = "breaking" | "non-breaking" | "annotation" | "unclassified" | "deprecated";

/** One change between two versions of a document, the same change in several media types merged. */
export interface Change {
  type: ChangeType;
  /** Human-readable, with the operation: `GET /users/{userId}: [Removed] property …`. */
  description: string;
  /** JSON path in the document (of the first media type when merged). */
  path: string[];
}

/** Components that only matter through the operations that use them: their diffs repeat the paths' ones. */
const USED_COMPONENTS = new Set([
  "schemas",
  "responses",
  "parameters",
  "requestBodies",
  "headers",
  "examples",
  "links",
  "callbacks",
]);

/**
 * Where api-smart-diff is laxer than our contracts, the stricter type and why:
 * - a property removed from a response: clients lose a field they may read (api-smart-diff: non-breaking);
 * - a property removed from a request body: it stops having any effect, and our bodies have
 *   `additionalProperties: false`, so clients still sending it are refused;
 * - the `type` of a body field replaced, in a request or a response;
 * - the `x-proto-message` of a body replaced: protobuf clients decode another message.
 */
function stricter(diff: Diff, path: string[]): string | undefined {
  const inBody = path[0] === "paths" && (path[3] === "responses" || path[3] === "requestBody");
  if (!inBody || diff.type === "breaking") return undefined;
  const last = path[path.length - 1];
  const parent = path[path.length - 2];
  if (diff.action === "remove" && parent === "properties") {
    return path[3] === "responses" ? "clients lose a field they may read" : "clients still sending it are refused";
  }
  if (diff.action === "replace" && last === "type") return "the field's type changed";
  if (last === "x-proto-message") return "protobuf clients decode another message";
  return undefined;
}

/** `GET /users: ` for a diff under an operation, `/users: ` under a path, "" elsewhere. */
function where(path: string[]): string {
  if (path[0] !== "paths" || path.length < 2) return "";
  const method = path.length > 2 && path[2] !== "parameters" ? `${path[2].toUpperCase()} ` : "";
  return `${method}${path[1]}: `;
}

const VERBS: Record<string, string> = { add: "Added", remove: "Removed", replace: "Replaced", rename: "Renamed" };

/** A short value for a description, or "" for objects. */
function shown(value: unknown): string {
  return value === undefined || (typeof value === "object" && value !== null) ? "" : JSON.stringify(value);
}

/**
 * Our own description of a diff in a body schema, for those api-smart-diff describes only as
 * "annotation (…)" (the repeats of a shared `$ref`): `[Removed] items[].location in Response 200 content`.
 */
function describe(diff: Diff, path: string[]): string {
  const at = path.indexOf("schema");
  const segments = at >= 0 ? path.slice(at + 1) : path.slice(3);
  let field = "";
  for (let i = 0; i < segments.length; i++) {
    if (segments[i] === "properties" && i + 1 < segments.length) field += `${field ? "." : ""}${segments[++i]}`;
    else if (segments[i] === "items") field += "[]";
    else if (!/^\d+$/.test(segments[i])) field += ` ${segments[i]}`;
  }
  const value =
    diff.action === "replace"
      ? [shown(diff.before), shown(diff.after)].filter(Boolean).join(" → ")
      : shown(diff.action === "add" ? diff.after : diff.before);
  const place = path[3] === "requestBody" ? "Request Body" : path[3] === "responses" ? `Response ${path[4]}` : path[3];
  const content = path.indexOf("content");
  const mediaType = content >= 0 && content + 1 < path.length ? ` (${path[content + 1]})` : "";
  return `[${VERBS[diff.action] ?? diff.action}] ${field.trim() || "schema"}${value ? ` ${value}` : ""} in ${place} content${mediaType}`;
}

/** The path with the media type after `content` replaced by `*`, to merge one change in every encoding. */
function mergeKey(diff: Diff, path: string[]): { key: string; mediaType?: string } {
  const at = path.indexOf("content");
  if (at < 0 || at + 1 >= path.length) return { key: `${diff.type} ${diff.action} ${path.join("\u0000")}` };
  const generic = [...path.slice(0, at + 1), "*", ...path.slice(at + 2)];
  return { key: `${diff.type} ${diff.action} ${generic.join("\u0000")}`, mediaType: path[at + 1] };
}

/**
 * The changes from one version of an OpenAPI document to the next, classified by
 * api-smart-diff and made stricter where our contracts need it (see the notes in the source). The
 * same change offered in several media types is one change; changes of components show through the
 * operations that use them.
 */
export function diffDocuments(before: unknown, after: unknown): Change[] {
  const { diffs } = apiCompare(before, after);
  const groups = new Map<
    string,
    { diffs: Diff[]; path: string[]; mediaTypes: string[]; type: ChangeType; why?: string }
  >();
  for (const diff of diffs) {
    const path = diff.path.map(String);
    if (path[0] === "components" && USED_COMPONENTS.has(path[1])) continue;
    const why = stricter(diff, path);
    const type: ChangeType = why ? "breaking" : diff.type;
    const { key, mediaType } = mergeKey({ ...diff, type }, path);
    const group = groups.get(key) ?? { diffs: [], path, mediaTypes: [], type, why };
    group.diffs.push(diff);
    if (mediaType) group.mediaTypes.push(mediaType);
    groups.set(key, group);
  }
  return [...groups.values()].map((group) => {
    // api-smart-diff describes a change well once; repeats through a shared $ref read "annotation (…)".
    const described =
      group.diffs.find((d) => d.description && !/\bannotation \(/.test(d.description)) ?? group.diffs[0];
    let text =
      described.description && !/\bannotation \(/.test(described.description)
        ? described.description
        : group.path[0] === "paths" && group.path.length > 4
          ? describe(described, described.path.map(String))
          : (described.description ?? `[${VERBS[described.action] ?? described.action}] ${group.path.join(".")}`);
    if (group.mediaTypes.length > 1) {
      const types = group.mediaTypes.join(", ");
      const named = group.mediaTypes.find((type) => text.includes(`(${type})`));
      text = named ? text.replace(`(${named})`, `(${types})`) : `${text} (${types})`;
    }
    if (group.why) text += ` — breaking for Jeeves: ${group.why}`;
    return { type: group.type, description: where(group.path) + text, path: group.path };
  });
}
