import { mkdir, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { builtinModules } from "node:module";
import { basename, dirname, join, relative, sep } from "node:path";
import { build, type Metafile, type Plugin } from "esbuild";
import { distManifest } from "./dist-manifest.ts";
import { locate, packageName, type Root, readLockfile } from "./lockfile.ts";

/** The Node version the bundles are compiled for (the oldest the root package.json allows). */
export const NODE_TARGET = "node20";

/** What one service build wrote. */
export interface BundleResult {
  /** The files written into dist/ (bundles, source maps, manifests), relative to dist/. */
  files: string[];
  /** The bytes of each bundle, by file name relative to dist/. */
  sizes: Record<string, number>;
  /** The npm packages the bundles import, with the exact version dist/package.json names. */
  dependencies: Record<string, string>;
  /** Packages linked into dist/node_modules so that the bundles run in the checkout (see {@link bundleService}). */
  links: string[];
  /** Where each package dist/package-lock.json lists is in the checkout: dist/ lock key → root lock key. */
  tree: Map<string, string>;
}

/** Options of {@link bundleService}. */
export interface BundleOptions {
  /** The repository root (holds package-lock.json). */
  root: string;
  /** The service's folder (holds package.json and src/). */
  serviceDir: string;
  /** The entry points, relative to the service's folder: `src/server.ts` → `dist/server.js`. */
  entries: string[];
  /** The output folder; default `<serviceDir>/dist`. Emptied first. */
  outDir?: string;
}

const BUILTINS = new Set(builtinModules);

function toPosix(path: string): string {
  return path.split(sep).join("/");
}

/**
 * Keeps every npm package out of the bundle, and bundles the workspace's own packages (`@jeeves/*`,
 * generated code included): npm packages may carry native code (better-sqlite3), files read from their
 * own folder (@fastify/swagger-ui's assets), worker threads or optional requires, and run as they are.
 * Records, per package, the folders it was imported from, to find its version in the lockfile.
 */
function externalNpmPackages(root: string, importers: Map<string, Set<string>>): Plugin {
  return {
    name: "jeeves-external-npm-packages",
    setup(esbuild) {
      esbuild.onResolve({ filter: /^[^./]/ }, (args) => {
        if (args.kind === "entry-point" || args.path.startsWith("@jeeves/")) return undefined;
        if (args.path.startsWith("node:") || BUILTINS.has(args.path) || BUILTINS.has(packageName(args.path)))
          return { path: args.path, external: true };
        const name = packageName(args.path);
        const from = toPosix(relative(root, args.resolveDir));
        const set = importers.get(name) ?? new Set<string>();
        set.add(from);
        importers.set(name, set);
        return { path: args.path, external: true };
      });
    },
  };
}

/** The npm packages the written bundles still import (what tree shaking left). */
function importedPackages(metafile: Metafile): Set<string> {
  const names = new Set<string>();
  for (const output of Object.values(metafile.outputs))
    for (const imported of output.imports)
      if (imported.external && !imported.path.startsWith("node:") && !BUILTINS.has(imported.path))
        names.add(packageName(imported.path));
  return names;
}

/**
 * Builds one service into dist/: each entry bundled by esbuild into one ES module for Node 20 (with its
 * source map), the workspace packages and generated code inside it, npm packages imported as they are.
 * Writes dist/package.json (those packages, exact versions) and dist/package-lock.json (their production
 * closure, from the root lockfile), so that a container runs `npm ci --omit=dev` in dist/ and then
 * `node server.js`. In the checkout the bundles use the root node_modules; a package that Node would find
 * in another version from dist/ than from the code importing it (installed under a workspace's own
 * node_modules) is linked into dist/node_modules.
 */
export async function bundleService(options: BundleOptions): Promise<BundleResult> {
  const { root, serviceDir, entries } = options;
  const outDir = options.outDir ?? join(serviceDir, "dist");
  const manifest = JSON.parse(await readFile(join(serviceDir, "package.json"), "utf8")) as {
    name: string;
    version: string;
    description?: string;
  };
  const rootManifest = JSON.parse(await readFile(join(root, "package.json"), "utf8")) as {
    engines?: { node?: string };
  };
  const lock = await readLockfile(root);
  await rm(outDir, { recursive: true, force: true });
  const importers = new Map<string, Set<string>>();
  const result = await build({
    absWorkingDir: serviceDir,
    entryPoints: entries,
    outdir: outDir,
    bundle: true,
    platform: "node",
    format: "esm",
    target: NODE_TARGET,
    sourcemap: "linked",
    metafile: true,
    logLevel: "warning",
    plugins: [externalNpmPackages(root, importers)],
  });
  const externals: Root[] = [];
  for (const name of [...importedPackages(result.metafile)].sort()) {
    const dirs = [...(importers.get(name) ?? [])].sort();
    const keys = new Set(dirs.map((dir) => locate(lock, dir, name) ?? `(missing from ${dir})`));
    const versions = new Set([...keys].map((key) => lock.packages[key]?.version ?? key));
    if (versions.size !== 1)
      throw new Error(
        `${name} is imported in ${versions.size} versions (${[...keys].join(", ")}); one bundle needs one`,
      );
    externals.push({ name, fromDir: dirs[0] as string });
  }
  const outNames = entries.map((entry) => `${basename(entry).replace(/\.[cm]?tsx?$/, "")}.js`);
  const dist = distManifest(
    lock,
    {
      name: manifest.name,
      version: manifest.version,
      description: manifest.description ?? manifest.name,
      node: rootManifest.engines?.node ?? ">=20",
      entries: outNames,
    },
    externals,
  );
  await writeFile(join(outDir, "package.json"), `${JSON.stringify(dist.packageJson, null, 2)}\n`);
  await writeFile(join(outDir, "package-lock.json"), `${JSON.stringify(dist.packageLock, null, 2)}\n`);
  const links: string[] = [];
  const fromDist = toPosix(relative(root, outDir));
  for (const [name, key] of dist.sources) {
    if (locate(lock, fromDist, name) === key) continue;
    const link = join(outDir, "node_modules", name);
    await mkdir(dirname(link), { recursive: true });
    await symlink(relative(dirname(link), join(root, key)), link, "dir");
    links.push(name);
  }
  const files = Object.keys(result.metafile.outputs).map((file) => toPosix(relative(outDir, join(serviceDir, file))));
  const sizes: Record<string, number> = {};
  for (const [file, output] of Object.entries(result.metafile.outputs))
    if (file.endsWith(".js")) sizes[toPosix(relative(outDir, join(serviceDir, file)))] = output.bytes;
  return {
    files: [...files, "package.json", "package-lock.json"].sort(),
    sizes,
    dependencies: dist.packageJson.dependencies,
    links,
    tree: dist.tree,
  };
}
