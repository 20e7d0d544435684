import { readdir, readFile } from "node:fs/promises";
import { basename, join, relative } from "node:path";
import { parse } from "yaml";

/** One document found under specs/openapi or specs/asyncapi. */
export interface SpecFile {
  /** The file name without `.yaml`, e.g. `dataservice` or `bus`. */
  name: string;
  /** Path relative to the specs folder's parent, used in banners, e.g. `specs/openapi/dataservice.yaml`. */
  source: string;
  /** The parsed document. */
  document: Record<string, unknown>;
  /** The raw YAML text. */
  text: string;
}

/** Lists the OpenAPI documents of `specs/openapi` (external ones under `external/` too), sorted by name. */
export function readSpecFiles(specsDir: string): Promise<SpecFile[]> {
  const root = join(specsDir, "openapi");
  return readYamlFiles(specsDir, [root, join(root, "external")]);
}

/** Lists the AsyncAPI documents of `specs/asyncapi`, sorted by name (none when the folder is absent). */
export function readAsyncapiFiles(specsDir: string): Promise<SpecFile[]> {
  return readYamlFiles(specsDir, [join(specsDir, "asyncapi")]);
}

async function readYamlFiles(specsDir: string, dirs: string[]): Promise<SpecFile[]> {
  const files: string[] = [];
  for (const dir of dirs) {
    let entries: string[] = [];
    try {
      entries = await readdir(dir);
    } catch {
      continue;
    }
    for (const entry of entries.sort()) if (entry.endsWith(".yaml")) files.push(join(dir, entry));
  }
  return Promise.all(
    files.map(async (file) => {
      const text = await readFile(file, "utf8");
      return {
        name: basename(file, ".yaml"),
        source: relative(join(specsDir, ".."), file),
        document: parse(text) as Record<string, unknown>,
        text,
      };
    }),
  );
}

/** Lists the .proto files below `specs/proto`, sorted, as paths relative to it. */
export async function readProtoFiles(specsDir: string): Promise<string[]> {
  const root = join(specsDir, "proto");
  const found: string[] = [];
  async function walk(dir: string): Promise<void> {
    for (const entry of (await readdir(dir, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) await walk(path);
      else if (entry.name.endsWith(".proto")) found.push(relative(root, path));
    }
  }
  await walk(root);
  return found;
}
