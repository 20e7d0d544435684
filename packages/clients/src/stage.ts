import { cp, mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { dirname, join, relative } from "node:path";

/** Where each workspace import goes inside the staged package (relative to its src/). */
const TARGETS: Array<[RegExp, (match: RegExpExecArray) => string]> = [
  [/^@jeeves\/client-kit$/, () => "client-kit/index.ts"],
  [/^@jeeves\/codecs$/, () => "codecs/index.ts"],
  [/^@jeeves\/generated\/openapi\/(.+)$/, (m) => `generated/openapi/${m[1]}.ts`],
  [/^@jeeves\/generated\/specs\/(.+)$/, (m) => `generated/specs/${m[1]}.ts`],
  [/^@jeeves\/generated\/proto$/, () => "generated/proto/jeeves.js"],
];

/** Rewrites `from "@jeeves/…"` imports of a staged file to relative paths inside the package. */
export function rewriteImports(text: string, fileInSrc: string): string {
  return text.replace(/from "(@jeeves\/[^"]+)"/g, (_whole, specifier: string) => {
    for (const [pattern, target] of TARGETS) {
      const match = pattern.exec(specifier);
      if (!match) continue;
      let path = relative(dirname(fileInSrc), target(match));
      if (!path.startsWith(".")) path = `./${path}`;
      return `from "${path}"`;
    }
    throw new Error(`${fileInSrc}: no place for ${specifier} in @jeeves/clients`);
  });
}

async function copyTree(from: string, to: string, srcRoot: string, filter: (name: string) => boolean) {
  await mkdir(to, { recursive: true });
  for (const entry of await readdir(from, { withFileTypes: true })) {
    const source = join(from, entry.name);
    const target = join(to, entry.name);
    if (entry.isDirectory()) await copyTree(source, target, srcRoot, filter);
    else if (filter(entry.name)) {
      if (entry.name.endsWith(".ts")) {
        await writeFile(target, rewriteImports(await readFile(source, "utf8"), relative(srcRoot, target)));
      } else await cp(source, target);
    }
  }
}

/**
 * Copies the client kit, its generated client factories (`clients/<spec>.ts`, the ones the repository
 * uses), the codecs and the generated code into `<stage>/src`, with the workspace imports made
 * relative, ready for `tsc` to compile into one package.
 */
export async function stageSources(root: string, stage: string): Promise<void> {
  const src = join(stage, "src");
  const code = (name: string) => name.endsWith(".ts") || name.endsWith(".js");
  await copyTree(join(root, "packages/client-kit/src"), join(src, "client-kit"), src, code);
  await copyTree(join(root, "packages/client-kit/generated/clients"), join(src, "clients"), src, code);
  await copyTree(join(root, "packages/codecs/src"), join(src, "codecs"), src, code);
  for (const dir of ["openapi", "specs", "proto"]) {
    await copyTree(join(root, "generated", dir), join(src, "generated", dir), src, code);
  }
}
