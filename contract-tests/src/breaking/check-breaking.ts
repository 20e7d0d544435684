import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { parse } from "yaml";
import { type ContractDocument, DOCUMENTS, ROOT } from "../registry.ts";
import { CHANGELOG, changelogLine, majorOf, readChangelog } from "./changelog.ts";
import { type Base, fileAt, filesAt, resolveBase } from "./git.ts";
import { type ChangeType, diffDocuments } from "./openapi-diff.ts";
import { type ProtoChange, protoBreaking, protoMessages, readProtoTree, sameTree } from "./proto-diff.ts";

/** The proto root, relative to the repository root. */
export const PROTO_ROOT = "specs/proto";

/** One change the gate found. */
export interface Finding {
  /** The document it counts against (a name of DOCUMENTS), or `specs/proto` when no document uses it. */
  document: string;
  source: "openapi" | "protobuf" | "gate";
  type: ChangeType;
  /** What changed. */
  change: string;
  /** False only for a breaking change without a raised major and a changelog line. */
  allowed: boolean;
  /** For breaking changes: why they are allowed or not. */
  verdict?: string;
}

/** Options of {@link checkBreaking}. */
export interface BreakingOptions {
  /** The git ref to compare with (default: merge base with main, else HEAD~1). */
  base?: string;
  documents?: ContractDocument[];
  /** The repository root (default: this repository). */
  root?: string;
  /** Progress lines. */
  onProgress?: (line: string) => void;
}

/** Every `x-proto-message` a document names. */
function namedMessages(node: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(node)) for (const item of node) namedMessages(item, into);
  else if (node && typeof node === "object") {
    for (const [key, value] of Object.entries(node)) {
      if (key === "x-proto-message" && typeof value === "string") into.add(value);
      else namedMessages(value, into);
    }
  }
  return into;
}

/** The proto trees at the base and in the working tree, and buf's breaking changes between them. */
async function protoChanges(root: string, base: Base, progress: (line: string) => void) {
  const after = await readProtoTree(join(root, PROTO_ROOT));
  const before = new Map<string, string>();
  if (base.commit) {
    for (const file of await filesAt(root, base.commit, PROTO_ROOT)) {
      if (!file.endsWith(".proto")) continue;
      const text = await fileAt(root, base.commit, file);
      if (text !== undefined) before.set(file.slice(PROTO_ROOT.length + 1), text);
    }
  }
  const started = Date.now();
  const changes = await protoBreaking(before, after);
  progress(
    before.size === 0
      ? `breaking: ${PROTO_ROOT} is not at the base: nothing to compare`
      : sameTree(before, after)
        ? `breaking: ${PROTO_ROOT} unchanged since the base`
        : `breaking: buf breaking on ${PROTO_ROOT}: ${changes.length} breaking change(s) in ${Date.now() - started} ms`,
  );
  const messagesOf = (file: string) =>
    new Set([...protoMessages(before.get(file) ?? ""), ...protoMessages(after.get(file) ?? "")]);
  return { changes, messagesOf };
}

/**
 * The breaking-change gate: compares each document (working tree) with its version at the base, with
 * api-smart-diff, and the proto tree with `buf breaking`; a proto change counts against every document
 * whose schemas name a message of the changed file. A document's breaking changes are allowed only when
 * its `info.version` major was raised and CHANGELOG.md has a line naming the document and the new version.
 */
export async function checkBreaking(options: BreakingOptions = {}): Promise<Finding[]> {
  const root = options.root ?? ROOT;
  const documents = options.documents ?? DOCUMENTS;
  const progress = options.onProgress ?? (() => {});
  const base = await resolveBase(root, options.base);
  progress(`breaking: comparing with ${base.commit?.slice(0, 12) ?? "nothing"} (${base.how})`);
  const changelog = await readChangelog(root);
  const proto = await protoChanges(root, base, progress);
  const findings: Finding[] = [];
  const claimed = new Set<ProtoChange>();

  for (const document of documents) {
    const started = Date.now();
    const afterText = await readFile(join(root, document.path), "utf8");
    const beforeText = base.commit ? await fileAt(root, base.commit, document.path) : undefined;
    if (beforeText === undefined) {
      findings.push({
        document: document.name,
        source: "gate",
        type: "annotation",
        change: `${document.path} is new (not at the base): nothing to compare`,
        allowed: true,
      });
      progress(`breaking: ${document.name}: new document`);
      continue;
    }
    const before = parse(beforeText) as { info?: { version?: unknown } };
    const after = parse(afterText) as { info?: { version?: unknown } };
    const own: Finding[] = diffDocuments(before, after).map((change) => ({
      document: document.name,
      source: "openapi",
      type: change.type,
      change: change.description,
      allowed: true,
    }));
    const messages = new Set([...namedMessages(before), ...namedMessages(after)]);
    for (const change of proto.changes) {
      const used = [...proto.messagesOf(change.file)].filter((message) => messages.has(message));
      if (used.length === 0) continue;
      claimed.add(change);
      own.push({
        document: document.name,
        source: "protobuf",
        type: "breaking",
        change: `${PROTO_ROOT}/${change.file}: ${change.message} (${change.rule}; ${document.name} uses ${used.join(", ")})`,
        allowed: true,
      });
    }
    const breaking = own.filter((f) => f.type === "breaking");
    if (breaking.length > 0) {
      const from = String(before.info?.version ?? "?");
      const to = String(after.info?.version ?? "?");
      const raised = (majorOf(to) ?? -1) > (majorOf(from) ?? Number.POSITIVE_INFINITY);
      const line = changelogLine(changelog, document.name, to);
      const allowed = raised && line !== undefined;
      const verdict = allowed
        ? `allowed: info.version ${from} → ${to} raises the major and ${CHANGELOG} says "${line?.trim()}"`
        : `not allowed: ${
            raised ? `info.version ${from} → ${to} raises the major` : `info.version ${from} → ${to} keeps the major`
          }${line ? "" : `, and no line of ${CHANGELOG} names ${document.name} ${to}`}`;
      for (const finding of breaking) Object.assign(finding, { allowed, verdict });
    }
    findings.push(...own);
    progress(
      `breaking: ${document.name}: ${own.length} change(s), ${breaking.length} breaking in ${Date.now() - started} ms`,
    );
  }

  for (const change of proto.changes) {
    if (claimed.has(change)) continue;
    findings.push({
      document: PROTO_ROOT,
      source: "protobuf",
      type: "breaking",
      change: `${PROTO_ROOT}/${change.file}: ${change.message} (${change.rule})`,
      allowed: true,
      verdict: "allowed: no document names a message of this file",
    });
  }
  return findings;
}
