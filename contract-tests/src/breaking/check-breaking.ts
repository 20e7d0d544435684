import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { parse } from "yaml";
import { type ContractDocument, DOCUMENTS, ROOT } from "../registry.ts";
import { diffAsyncApi } from "./asyncapi-diff.ts";
import { CHANGELOG, changelogLine, majorOf, readChangelog } from "./changelog.ts";
import { type ChangeType, diffDocuments } from "./openapi-diff.ts";
import { type ProtoChange, protoBreaking, protoMessages, readProtoTree, sameTree } from "./proto-diff.ts";
import { compareVersions, latestRelease, RELEASED_DIR, RELEASED_PROTO } from "./released.ts";

/** The proto root, relative to the repository root. */
export const PROTO_ROOT = "specs/proto";

/** One change the gate found. */
export interface Finding {
  /** The document it counts against (a name of DOCUMENTS), or `specs/proto` when no document uses it. */
  document: string;
  /** Who found it: the document's classifier (its kind), buf, or the gate itself. */
  source: "openapi" | "asyncapi" | "protobuf" | "gate";
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

/** The released proto tree and the working tree's, and buf's breaking changes between them. */
async function protoChanges(root: string, progress: (line: string) => void) {
  const after = await readProtoTree(join(root, PROTO_ROOT));
  const before = await readProtoTree(join(root, RELEASED_PROTO));
  const started = Date.now();
  const changes = await protoBreaking(before, after);
  progress(
    before.size === 0
      ? `breaking: ${RELEASED_PROTO} holds no released proto file: nothing to compare`
      : sameTree(before, after)
        ? `breaking: ${PROTO_ROOT} unchanged since the release in ${RELEASED_PROTO}`
        : `breaking: buf breaking on ${PROTO_ROOT}: ${changes.length} breaking change(s) in ${Date.now() - started} ms`,
  );
  const messagesOf = (file: string) =>
    new Set([...protoMessages(before.get(file) ?? ""), ...protoMessages(after.get(file) ?? "")]);
  return { changes, messagesOf };
}

/**
 * The breaking-change gate: compares each document (working tree) with the snapshot of its latest
 * released version (specs/released/<document>/<version>.yaml), with api-smart-diff for OpenAPI and
 * {@link diffAsyncApi} for AsyncAPI (the bus), and specs/proto with
 * the released proto tree (specs/released/proto), with `buf breaking`; a proto change counts against every
 * document whose schemas name a message of the changed file. Git history plays no part, so extra commits,
 * squashes, rebases and merges hide nothing. A document's breaking changes are allowed only when its
 * `info.version` major is above the released one and CHANGELOG.md has a line naming the document and
 * the new version; an `info.version` below the released one is refused.
 */
export async function checkBreaking(options: BreakingOptions = {}): Promise<Finding[]> {
  const root = options.root ?? ROOT;
  const documents = options.documents ?? DOCUMENTS;
  const progress = options.onProgress ?? (() => {});
  progress(`breaking: comparing with the released specs in ${RELEASED_DIR}`);
  const changelog = await readChangelog(root);
  const proto = await protoChanges(root, progress);
  const findings: Finding[] = [];
  const claimed = new Set<ProtoChange>();

  for (const document of documents) {
    const started = Date.now();
    const afterText = await readFile(join(root, document.path), "utf8");
    const released = await latestRelease(root, document);
    if (released === undefined) {
      findings.push({
        document: document.name,
        source: "gate",
        type: "annotation",
        change: `${document.path} was never released (no ${RELEASED_DIR}/${document.name}/): nothing to compare`,
        allowed: true,
      });
      progress(`breaking: ${document.name}: never released`);
      continue;
    }
    const before = parse(released.text) as { info?: { version?: unknown } };
    const after = parse(afterText) as { info?: { version?: unknown } };
    const own: Finding[] = [];
    const current = String(after.info?.version ?? "").trim();
    if (compareVersions(current, released.version) < 0) {
      own.push({
        document: document.name,
        source: "gate",
        type: "breaking",
        change: `info.version ${current} is below the released ${released.version} (${released.path})`,
        allowed: false,
        verdict: "not allowed: a version only goes up",
      });
    }
    const diff = document.kind === "asyncapi" ? diffAsyncApi : diffDocuments;
    own.push(
      ...diff(before, after).map(
        (change): Finding => ({
          document: document.name,
          source: document.kind,
          type: change.type,
          change: change.description,
          allowed: true,
        }),
      ),
    );
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
    // The gate's own finding (a lowered version) keeps its verdict; the diff's breaking changes get one.
    const breaking = own.filter((f) => f.type === "breaking" && f.source !== "gate");
    if (breaking.length > 0) {
      const from = released.version;
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
