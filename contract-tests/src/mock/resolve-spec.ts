import { existsSync, statSync } from "node:fs";
import { isAbsolute, relative, resolve } from "node:path";
import { DOCUMENTS, PROVIDERS, ROOT } from "../registry.ts";

/** A spec the mock CLI was asked for. */
export interface ResolvedSpec {
  /** The registry name, or the file's path relative to the repository root. */
  name: string;
  /** Absolute path of the OpenAPI document. */
  file: string;
}

const isFile = (path: string) => existsSync(path) && statSync(path).isFile();

/**
 * Resolves what `npm run mock -- <what>` names: a name of registry.ts (PROVIDERS or DOCUMENTS, e.g.
 * `dataservice`), else a path: absolute, from the current directory, from the repository root or
 * from specs/openapi (`external/slack-web-api`; `.yaml` may be left off). Throws, listing the known
 * names, when nothing matches.
 */
export function resolveSpec(what: string, cwd = process.cwd()): ResolvedSpec {
  const named = PROVIDERS.find((p) => p.name === what)?.spec ?? DOCUMENTS.find((d) => d.name === what)?.path;
  if (named) return { name: what, file: resolve(ROOT, named) };
  const bases = isAbsolute(what) ? [""] : [cwd, ROOT, resolve(ROOT, "specs/openapi")];
  for (const base of bases) {
    for (const candidate of [what, `${what}.yaml`]) {
      const file = resolve(base, candidate);
      if (isFile(file)) return { name: relative(ROOT, file), file };
    }
  }
  const names = [...new Set([...PROVIDERS.map((p) => p.name), ...DOCUMENTS.map((d) => d.name)])].join(", ");
  throw new Error(`no spec named ${what}: use one of ${names}, or a path under specs/openapi`);
}
