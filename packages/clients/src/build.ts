import { execFileSync } from "node:child_process";
import { cp, mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { join } from "node:path";
import { parse } from "yaml";
import { renderIndex, renderSpecEntry, type SpecEntry } from "./entry-points.ts";
import { renderReadme } from "./readme.ts";
import { stageSources } from "./stage.ts";

const require = createRequire(import.meta.url);
const RUNTIME_DEPENDENCIES = ["openapi-fetch", "undici", "msgpackr", "protobufjs", "@opentelemetry/api"];

function compareVersions(a: string, b: string): number {
  const [x, y] = [a, b].map((v) => v.split(".").map(Number));
  for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return (x[i] ?? 0) - (y[i] ?? 0);
  return 0;
}

/** The services' specs (not the external ones), with their `info.version`. */
export async function readSpecEntries(root: string): Promise<SpecEntry[]> {
  const dir = join(root, "specs/openapi");
  const entries: SpecEntry[] = [];
  for (const file of (await readdir(dir)).filter((f) => f.endsWith(".yaml")).sort()) {
    const doc = parse(await readFile(join(dir, file), "utf8")) as { info: { version: string; title: string } };
    entries.push({ name: file.replace(/\.yaml$/, ""), version: doc.info.version, title: doc.info.title });
  }
  return entries;
}

/** The package version: the highest `info.version` of the specs, so a spec's major bump bumps the package's. */
export function packageVersion(entries: SpecEntry[]): string {
  return (
    entries
      .map((e) => e.version)
      .sort(compareVersions)
      .at(-1) ?? "0.0.0"
  );
}

async function installedVersion(root: string, name: string): Promise<string> {
  const manifest = JSON.parse(await readFile(join(root, "node_modules", name, "package.json"), "utf8"));
  return `^${(manifest as { version: string }).version}`;
}

/**
 * Builds @jeeves/clients into `outDir` (inside the repository, so that the compiler finds the runtime
 * dependencies in its node_modules): stages the sources, compiles them to JavaScript with type
 * declarations, writes the package manifest and usage page, and runs `npm pack`. Returns the tarball.
 */
export async function buildClientsPackage(
  root: string,
  outDir: string,
  progress: (line: string) => void = () => {},
): Promise<string> {
  const stage = join(outDir, "stage");
  await rm(stage, { recursive: true, force: true });
  await mkdir(stage, { recursive: true });
  const specs = await readSpecEntries(root);
  const version = packageVersion(specs);
  progress(`staging @jeeves/clients ${version} (${specs.map((s) => `${s.name} ${s.version}`).join(", ")})`);
  await stageSources(root, stage);
  await writeFile(join(stage, "src/index.ts"), renderIndex());
  for (const spec of specs) await writeFile(join(stage, `src/${spec.name}.ts`), renderSpecEntry(spec));
  await writeFile(
    join(stage, "tsconfig.json"),
    JSON.stringify({
      compilerOptions: {
        target: "ES2022",
        lib: ["ES2023"],
        module: "NodeNext",
        moduleResolution: "NodeNext",
        strict: true,
        declaration: true,
        rewriteRelativeImportExtensions: true,
        allowImportingTsExtensions: true,
        skipLibCheck: true,
        outDir: "dist",
        rootDir: "src",
        types: ["node"],
        typeRoots: [join(root, "node_modules/@types")],
      },
      include: ["src"],
    }),
  );
  const exports: Record<string, { types: string; default: string }> = {
    ".": { types: "./dist/index.d.ts", default: "./dist/index.js" },
    "./proto": { types: "./dist/generated/proto/jeeves.d.ts", default: "./dist/generated/proto/jeeves.js" },
  };
  for (const spec of specs)
    exports[`./${spec.name}`] = { types: `./dist/${spec.name}.d.ts`, default: `./dist/${spec.name}.js` };
  const manifest = {
    name: "@jeeves/clients",
    version,
    description: "Typed clients of the Jeeves services, in JSON, MessagePack or protobuf, generated from their specs.",
    type: "module",
    exports,
    files: ["dist", "README.md"],
    engines: { node: ">=20" },
    dependencies: Object.fromEntries(
      await Promise.all(RUNTIME_DEPENDENCIES.map(async (d) => [d, await installedVersion(root, d)])),
    ),
    jeeves: { specs: Object.fromEntries(specs.map((s) => [s.name, s.version])) },
  };
  await writeFile(join(stage, "package.json"), `${JSON.stringify(manifest, null, 2)}\n`);
  progress("compiling with tsc");
  execFileSync(process.execPath, [require.resolve("typescript/lib/tsc.js"), "-p", join(stage, "tsconfig.json")], {
    stdio: "inherit",
  });
  await cp(join(stage, "src/generated/proto/jeeves.js"), join(stage, "dist/generated/proto/jeeves.js"));
  await cp(join(stage, "src/generated/proto/jeeves.d.ts"), join(stage, "dist/generated/proto/jeeves.d.ts"));
  await writeFile(join(stage, "README.md"), renderReadme(version, specs));
  progress("npm pack");
  const packed = execFileSync("npm", ["pack", "--json", "--pack-destination", outDir], {
    cwd: stage,
    encoding: "utf8",
  });
  const [{ filename }] = JSON.parse(packed) as Array<{ filename: string }>;
  return join(outDir, filename);
}
