import { existsSync } from "node:fs";
import { readdir } from "node:fs/promises";
import { dirname, isAbsolute, join } from "node:path";
import protobuf from "protobufjs";

/** Every `.proto` file under a folder, sorted, as absolute paths. */
export async function protoFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true });
  return entries
    .filter((entry) => entry.endsWith(".proto"))
    .map((entry) => join(dir, entry))
    .sort();
}

/**
 * Loads every `.proto` file under `dir` as the codecs do (`keepCase: true`, so field names stay
 * snake_case) and resolves all types. Imports are found relative to `dir` first (`import
 * "jeeves/v1/common.proto"`), then to the importing file; google/protobuf imports use protobufjs's
 * bundled copies. Throws on a parse error or an unresolvable type.
 */
export async function loadProtoRoot(dir: string): Promise<protobuf.Root> {
  const files = await protoFiles(dir);
  if (files.length === 0) throw new Error(`no .proto files under ${dir}`);
  const root = new protobuf.Root();
  root.resolvePath = (origin, target) => {
    if (isAbsolute(target) || target.startsWith("google/protobuf/")) return target;
    const fromDir = join(dir, target);
    return existsSync(fromDir) ? fromDir : join(dirname(origin), target);
  };
  await root.load(files, { keepCase: true });
  root.resolveAll();
  return root;
}

/** The message with exactly this full name (`jeeves.v1.User`), or undefined. */
export function lookupMessage(root: protobuf.Root, name: string): protobuf.Type | undefined {
  const found = root.lookup(name.startsWith(".") ? name : `.${name}`);
  return found instanceof protobuf.Type && found.fullName === `.${name.replace(/^\./, "")}` ? found : undefined;
}
