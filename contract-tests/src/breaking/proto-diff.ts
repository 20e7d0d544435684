import { execFile } from "node:child_process";
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

/** The buf binary of the installed @bufbuild/buf. */
const BUF_BIN = join(dirname(createRequire(import.meta.url).resolve("@bufbuild/buf/package.json")), "bin", "buf");

/**
 * The buf module config written beside both versions (in a temp dir, never under specs/): the FILE
 * rules, buf's default and strictest, since services compile against the generated code of each file.
 */
const BUF_YAML = "version: v2\nbreaking:\n  use:\n    - FILE\n";

/** One breaking change buf found in a .proto file. */
export interface ProtoChange {
  /** Path inside the proto root, e.g. `jeeves/v1/dataservice.proto`. */
  file: string;
  /** buf's rule, e.g. `FIELD_NO_DELETE`. */
  rule: string;
  message: string;
}

/** The .proto files under a folder, by path relative to it. */
export async function readProtoTree(folder: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  const walk = async (dir: string): Promise<void> => {
    let entries: import("node:fs").Dirent[];
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) await walk(path);
      else if (entry.name.endsWith(".proto")) files.set(relative(folder, path), await readFile(path, "utf8"));
    }
  };
  await walk(folder);
  return files;
}

/** The fully qualified names of the messages a .proto file defines, nested ones included (`jeeves.v1.User`). */
export function protoMessages(text: string): string[] {
  const code = text
    .replace(/\/\*[\s\S]*?\*\//g, "")
    .replace(/\/\/[^\n]*/g, "")
    .replace(/"(?:[^"\\]|\\.)*"/g, '""');
  const pkg = /\bpackage\s+([\w.]+)\s*;/.exec(code)?.[1];
  const names: string[] = [];
  const stack: Array<string | undefined> = [];
  for (const match of code.matchAll(/\b(message|enum|service|oneof|extend)\s+([\w.]+)\s*\{|\{|\}/g)) {
    if (match[0] === "}") {
      stack.pop();
    } else if (match[1] === "message") {
      const scope = stack.filter((name): name is string => name !== undefined);
      const name = [pkg, ...scope, match[2]].filter(Boolean).join(".");
      names.push(name);
      stack.push(match[2]);
    } else {
      // Other blocks (enum, oneof, options…) open a scope that names no message.
      stack.push(undefined);
    }
  }
  return names;
}

async function writeTree(dir: string, files: Map<string, string>): Promise<void> {
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, "buf.yaml"), BUF_YAML);
  for (const [path, text] of files) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), text);
  }
}

/** Whether two proto trees hold the same files with the same text. */
export function sameTree(before: Map<string, string>, after: Map<string, string>): boolean {
  return before.size === after.size && [...before].every(([path, text]) => after.get(path)?.trim() === text.trim());
}

/**
 * Runs `buf breaking` on two versions of a proto tree (each written to a temp dir with a generated
 * buf.yaml) and answers the breaking changes; none when the trees are equal, without running buf.
 */
export async function protoBreaking(before: Map<string, string>, after: Map<string, string>): Promise<ProtoChange[]> {
  const same =
    before.size === after.size && [...before].every(([path, text]) => after.get(path)?.trim() === text.trim());
  if (same || before.size === 0) return [];
  const dir = await mkdtemp(join(tmpdir(), "jeeves-buf-"));
  try {
    await writeTree(join(dir, "before"), before);
    await writeTree(join(dir, "after"), after);
    // Run inside after/ so that buf reports paths relative to the proto root.
    const args = ["breaking", ".", "--against", "../before", "--error-format=json"];
    let stdout = "";
    try {
      ({ stdout } = await run(BUF_BIN, args, { cwd: join(dir, "after"), maxBuffer: 16 * 1024 * 1024 }));
    } catch (error) {
      const failed = error as { code?: number; stdout?: string; stderr?: string };
      // buf exits 100 when it found breaking changes; anything else is a failure to compare.
      if (failed.code !== 100) throw new Error(`buf breaking failed (exit ${failed.code}): ${failed.stderr ?? error}`);
      stdout = failed.stdout ?? "";
    }
    return stdout
      .split("\n")
      .filter((line) => line.trim().startsWith("{"))
      .map((line) => JSON.parse(line) as { path: string; type: string; message: string })
      .map((p) => ({ file: p.path, rule: p.type, message: p.message }));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
