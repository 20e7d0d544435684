import { readFile } from "node:fs/promises";
import { join, posix } from "node:path";

/** One entry of package-lock.json's `packages` (lockfile version 3), keyed by its path from the root. */
export interface LockEntry {
  name?: string;
  version?: string;
  resolved?: string;
  integrity?: string;
  link?: boolean;
  dev?: boolean;
  optional?: boolean;
  devOptional?: boolean;
  peer?: boolean;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
  [field: string]: unknown;
}

/** package-lock.json, as far as the bundler reads it. */
export interface Lockfile {
  name?: string;
  lockfileVersion: number;
  packages: Record<string, LockEntry>;
}

/** Reads the repository's package-lock.json (lockfile version 2 or 3: the `packages` map). */
export async function readLockfile(root: string): Promise<Lockfile> {
  const lock = JSON.parse(await readFile(join(root, "package-lock.json"), "utf8")) as Lockfile;
  if (!lock.packages) throw new Error("package-lock.json has no `packages` map (lockfile version 1?)");
  return lock;
}

/** The npm package a bare import specifier names: `pino` for `pino`, `@fastify/static` for `@fastify/static/x.js`. */
export function packageName(specifier: string): string {
  const parts = specifier.split("/");
  return specifier.startsWith("@") ? parts.slice(0, 2).join("/") : (parts[0] ?? specifier);
}

/**
 * The lock key of the package `name` as Node finds it from the folder `fromDir` (a path relative to the
 * root, "" for the root): `<dir>/node_modules/<name>` for `fromDir` and each folder above it. A workspace
 * link is followed to the workspace's own key. Undefined when the lock has no such package there.
 */
export function locate(lock: Lockfile, fromDir: string, name: string): string | undefined {
  let dir = fromDir === "." ? "" : fromDir;
  for (;;) {
    if (posix.basename(dir) !== "node_modules") {
      const key = dir ? `${dir}/node_modules/${name}` : `node_modules/${name}`;
      const entry = lock.packages[key];
      if (entry) return entry.link && typeof entry.resolved === "string" ? entry.resolved : key;
    }
    if (!dir) return undefined;
    const parent = posix.dirname(dir);
    dir = parent === "." ? "" : parent;
  }
}

/** One package the closure starts from: its name and the folder (relative to the root) it is imported from. */
export interface Root {
  name: string;
  fromDir: string;
}

/** The packages a set of roots needs at run time: each lock key, and whether only optional edges reach it. */
export interface Closure {
  /** The lock key each root resolves to, by root name. */
  roots: Map<string, string>;
  /** Every lock key reached, mapped to true when it is reached only through optional dependencies. */
  packages: Map<string, boolean>;
}

function edges(entry: LockEntry, withOptional: boolean): Array<{ name: string; optional: boolean }> {
  const out = Object.keys(entry.dependencies ?? {}).map((name) => ({ name, optional: false }));
  for (const name of Object.keys(entry.peerDependencies ?? {}))
    out.push({ name, optional: entry.peerDependenciesMeta?.[name]?.optional === true });
  if (withOptional)
    for (const name of Object.keys(entry.optionalDependencies ?? {})) out.push({ name, optional: true });
  return out;
}

function walk(lock: Lockfile, starts: string[], withOptional: boolean): Set<string> {
  const seen = new Set<string>();
  const queue = [...starts];
  while (queue.length > 0) {
    const key = queue.pop() as string;
    if (seen.has(key)) continue;
    seen.add(key);
    const entry = lock.packages[key] as LockEntry;
    for (const edge of edges(entry, withOptional)) {
      const found = locate(lock, key, edge.name);
      if (found) queue.push(found);
      else if (!edge.optional && !(withOptional && entry.optionalDependencies?.[edge.name]))
        throw new Error(`${key} depends on ${edge.name}, which package-lock.json does not hold`);
    }
  }
  return seen;
}

/**
 * The production dependency closure of `roots` in the lockfile: dependencies, optional dependencies and
 * peer dependencies, followed from where each package sits in the tree (never devDependencies).
 * Workspace packages are followed through their links like any other package.
 */
export function productionClosure(lock: Lockfile, roots: Root[]): Closure {
  const rootKeys = new Map<string, string>();
  for (const root of roots) {
    const key = locate(lock, root.fromDir, root.name);
    if (!key) throw new Error(`${root.name} (imported from ${root.fromDir || "the root"}) is not in package-lock.json`);
    rootKeys.set(root.name, key);
  }
  const required = walk(lock, [...rootKeys.values()], false);
  const all = walk(lock, [...rootKeys.values()], true);
  return { roots: rootKeys, packages: new Map([...all].map((key) => [key, !required.has(key)])) };
}

/** The npm package name at a lock key (`node_modules/a/node_modules/@b/c` → `@b/c`), or the entry's own name. */
export function nameAt(lock: Lockfile, key: string): string {
  const at = key.lastIndexOf("node_modules/");
  return at >= 0 ? key.slice(at + "node_modules/".length) : (lock.packages[key]?.name ?? key);
}
