import { mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { parse } from "yaml";
import type { ContractDocument } from "../registry.ts";
import { readProtoTree, sameTree } from "./proto-diff.ts";

/**
 * Where released specs are kept, relative to the repository root: `<document>/<version>.yaml` per
 * released version of a document, and `proto/` the proto tree of the latest release. Committed, so the
 * gate needs no git history (a shallow clone, a squash or a rebase changes nothing).
 */
export const RELEASED_DIR = "specs/released";

/** The proto tree of the latest release, relative to the repository root. */
export const RELEASED_PROTO = `${RELEASED_DIR}/proto`;

/** A version the snapshots accept as a file name: `2.0.0`, `1.2.0-beta.1`. */
const VERSION = /^\d+\.\d+\.\d+(?:-[\w.]+)?$/;

/** The numeric parts of a version (`2.10.0` → [2, 10, 0]); a pre-release sorts before its release. */
function parts(version: string): number[] {
  const [core, pre] = version.split("-", 2);
  return [...core.split(".").map(Number), pre === undefined ? 1 : 0];
}

/** Orders two versions as numbers (`2.10.0` after `2.9.0`): negative, zero or positive. */
export function compareVersions(a: string, b: string): number {
  const [x, y] = [parts(a), parts(b)];
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const difference = (x[i] ?? 0) - (y[i] ?? 0);
    if (difference !== 0) return difference;
  }
  return a.localeCompare(b);
}

/** A document's `info.version` as text, or "" when it has none. */
export function versionOf(text: string): string {
  const doc = parse(text) as { info?: { version?: unknown } } | null;
  return String(doc?.info?.version ?? "").trim();
}

/** One released version of a document. */
export interface Release {
  version: string;
  /** Its snapshot, relative to the repository root. */
  path: string;
  text: string;
}

/** The versions of a document that have a snapshot, lowest first. */
export async function releasedVersions(root: string, document: ContractDocument): Promise<string[]> {
  let entries: string[];
  try {
    entries = await readdir(join(root, RELEASED_DIR, document.name));
  } catch {
    return [];
  }
  return entries
    .filter((entry) => entry.endsWith(".yaml") && VERSION.test(entry.slice(0, -".yaml".length)))
    .map((entry) => entry.slice(0, -".yaml".length))
    .sort(compareVersions);
}

/** The snapshot of a document's highest released version, or undefined when it was never released. */
export async function latestRelease(root: string, document: ContractDocument): Promise<Release | undefined> {
  const version = (await releasedVersions(root, document)).at(-1);
  if (version === undefined) return undefined;
  const path = `${RELEASED_DIR}/${document.name}/${version}.yaml`;
  return { version, path, text: await readFile(join(root, path), "utf8") };
}

/**
 * Releases the current specs: writes a snapshot of every document whose `info.version` has none yet,
 * and, when it wrote one (or there is no released proto tree), replaces `specs/released/proto` with the
 * current `specs/proto`. Answers the files written. Run it only when the breaking-change gate passes
 * (`npm run release:specs` does), or a break would become the baseline.
 */
export async function releaseSpecs(root: string, documents: ContractDocument[], protoRoot: string): Promise<string[]> {
  const written: string[] = [];
  for (const document of documents) {
    if (document.name === "proto") throw new Error(`release: a document may not be named "proto" (${RELEASED_PROTO})`);
    const text = await readFile(join(root, document.path), "utf8");
    const version = versionOf(text);
    if (!VERSION.test(version)) throw new Error(`release: ${document.path} has info.version "${version}", not x.y.z`);
    if ((await releasedVersions(root, document)).includes(version)) continue;
    const path = `${RELEASED_DIR}/${document.name}/${version}.yaml`;
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), text);
    written.push(path);
  }
  const current = await readProtoTree(join(root, protoRoot));
  const released = await readProtoTree(join(root, RELEASED_PROTO));
  if ((written.length > 0 || released.size === 0) && !sameTree(released, current)) {
    await rm(join(root, RELEASED_PROTO), { recursive: true, force: true });
    for (const [file, text] of current) {
      const path = `${RELEASED_PROTO}/${file}`;
      await mkdir(dirname(join(root, path)), { recursive: true });
      await writeFile(join(root, path), text);
      written.push(path);
    }
  }
  return written;
}
