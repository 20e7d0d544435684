import { type Closure, type LockEntry, type Lockfile, productionClosure, type Root } from "./lockfile.ts";

/** What a service's dist/ needs from npm: its package.json and the matching package-lock.json. */
export interface DistManifest {
  packageJson: {
    name: string;
    version: string;
    private: true;
    type: "module";
    description: string;
    engines: { node: string };
    scripts: Record<string, string>;
    dependencies: Record<string, string>;
  };
  packageLock: Lockfile & { name: string; version: string; requires: true };
  /** The root lock key each external was taken from, by package name (where the checkout has it). */
  sources: Map<string, string>;
  /** Where each package of dist/'s tree is in the checkout: dist/ lock key → root lock key. */
  tree: Map<string, string>;
}

/** The fields of a lock entry that describe the installed package (the dev/optional/peer flags are recomputed). */
function installEntry(entry: LockEntry, optional: boolean): LockEntry {
  const { dev: _dev, devOptional: _devOptional, optional: _optional, peer: _peer, ...rest } = entry;
  return optional ? { ...rest, optional: true } : rest;
}

/**
 * The key a package gets in dist/'s own tree: a package installed under a workspace's node_modules in the
 * checkout (`packages/service-kit/node_modules/x`) goes to the top (`node_modules/x`), where the bundle,
 * which holds the workspace's code, finds it.
 */
function distKey(key: string): string {
  if (key.startsWith("node_modules/")) return key;
  const at = key.indexOf("/node_modules/");
  if (at < 0) throw new Error(`${key} is a workspace, not an npm package: it should have been bundled`);
  return key.slice(at + 1);
}

/**
 * The manifest and lockfile of a service's dist/: `dependencies` names each package the bundles import
 * (exact versions from the root lockfile), and the lockfile holds their production closure, so that
 * `npm ci` in dist/ installs exactly what the checkout runs with, and nothing else.
 */
export function distManifest(
  lock: Lockfile,
  service: { name: string; version: string; description: string; node: string; entries: string[] },
  externals: Root[],
): DistManifest {
  const closure: Closure = productionClosure(lock, externals);
  const placed = new Map<string, string>();
  const packages: Record<string, LockEntry> = {};
  for (const [key, optional] of [...closure.packages].sort(([a], [b]) => a.localeCompare(b))) {
    const target = distKey(key);
    const entry = lock.packages[key] as LockEntry;
    const before = placed.get(target);
    if (before !== undefined) {
      const other = lock.packages[before] as LockEntry;
      if (other.version !== entry.version || other.integrity !== entry.integrity)
        throw new Error(
          `${target} would hold two versions: ${other.version} (${before}) and ${entry.version} (${key}); ` +
            "give both importers the same version",
        );
      const prior = packages[target] as LockEntry;
      if (prior.optional && !optional) packages[target] = installEntry(entry, false);
      continue;
    }
    placed.set(target, key);
    packages[target] = installEntry(entry, optional);
  }
  const dependencies: Record<string, string> = {};
  for (const [name, key] of [...closure.roots].sort(([a], [b]) => a.localeCompare(b)))
    dependencies[name] = (lock.packages[key] as LockEntry).version as string;
  const name = `${service.name}-dist`;
  const start = service.entries[0] ?? "server.js";
  const packageJson = {
    name,
    version: service.version,
    private: true as const,
    type: "module" as const,
    description: `${service.description} Built by jeeves-bundle: run \`npm ci --omit=dev\` here, then \`node ${start}\`.`,
    engines: { node: service.node },
    scripts: { start: `node ${start}` },
    dependencies,
  };
  return {
    packageJson,
    packageLock: {
      name,
      version: service.version,
      lockfileVersion: 3,
      requires: true,
      packages: { "": { name, version: service.version, engines: { node: service.node }, dependencies }, ...packages },
    },
    sources: closure.roots,
    tree: placed,
  };
}
