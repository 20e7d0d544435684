import { execFile } from "node:child_process";
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import type { TestContext } from "node:test";
import { promisify } from "node:util";
import { OUTPUT_DIRS } from "@jeeves/codegen";
import { type Document, parse, parseDocument, stringify } from "yaml";
import { ROOT } from "../src/registry.ts";

const run = promisify(execFile);

/** A git of its own: no user or system config, hooks or signing, a fixed identity. */
const GIT_ENV = { ...process.env, GIT_CONFIG_GLOBAL: "/dev/null", GIT_CONFIG_NOSYSTEM: "1" };
const GIT_IDENTITY = [
  "-c",
  "user.name=Jeeves Test",
  "-c",
  "user.email=test@jeeves.invalid",
  "-c",
  "commit.gpgsign=false",
];

/** A temporary folder standing for a repository root, removed after the test that made it. */
export interface TempRoot {
  root: string;
  /** The absolute path of a file in it. */
  path(file: string): string;
  read(file: string): Promise<string>;
  write(file: string, text: string): Promise<void>;
  /** Parses a YAML file to plain values, lets `change` edit them, writes them back (formatting is lost). */
  editYaml<T>(file: string, change: (doc: T) => void): Promise<void>;
  /** Lets `change` edit a YAML file as a `yaml` Document, so the untouched parts keep their formatting. */
  editDocument(file: string, change: (doc: Document) => void): Promise<void>;
  /** Replaces text in a file (and fails when the text is not there). */
  replace(file: string, from: string, to: string): Promise<void>;
  git(...args: string[]): Promise<string>;
  /** Commits everything (after `git init`, see {@link tempRoot}). */
  commit(message: string): Promise<void>;
}

/** Options of {@link tempRoot}. */
export interface TempRootOptions {
  /** The folder name's prefix under the system temp dir. */
  prefix?: string;
  /** Make it a git repository on branch `main` (no commit yet). */
  git?: boolean;
}

/** Creates an empty temporary root (a git repository when asked), removed after the test. */
export async function tempRoot(t: TestContext, options: TempRootOptions = {}): Promise<TempRoot> {
  const root = await mkdtemp(join(tmpdir(), options.prefix ?? "jeeves-temp-"));
  t.after(() => rm(root, { recursive: true, force: true }));
  const temp: TempRoot = {
    root,
    path: (file) => join(root, file),
    read: (file) => readFile(join(root, file), "utf8"),
    write: async (file, text) => {
      await mkdir(dirname(join(root, file)), { recursive: true });
      await writeFile(join(root, file), text);
    },
    editYaml: async <T>(file: string, change: (doc: T) => void) => {
      const doc = parse(await temp.read(file)) as T;
      change(doc);
      await temp.write(file, stringify(doc));
    },
    editDocument: async (file, change) => {
      const doc = parseDocument(await temp.read(file));
      change(doc);
      await temp.write(file, doc.toString({ lineWidth: 0 }));
    },
    replace: async (file, from, to) => {
      const text = await temp.read(file);
      if (!text.includes(from)) throw new Error(`${file} has no ${from}`);
      await temp.write(file, text.replace(from, to));
    },
    git: async (...args) => (await run("git", [...GIT_IDENTITY, ...args], { cwd: root, env: GIT_ENV })).stdout.trim(),
    commit: async (message) => {
      await temp.git("add", "-A");
      await temp.git("commit", "-q", "-m", message);
    },
  };
  if (options.git) await temp.git("init", "-q", "-b", "main");
  return temp;
}

/**
 * What the gates read of this repository: the specs (with their released snapshots), the changelog and
 * the generated code (not its node_modules).
 */
export const GATE_INPUTS = ["specs", "CHANGELOG.md", ...OUTPUT_DIRS.map((dir) => `generated/${dir}`)];

/** Options of {@link tempCopy}. */
export interface TempCopyOptions {
  /** Paths relative to the repository root to copy (default {@link GATE_INPUTS}). */
  include?: string[];
  /** Make it a git repository whose first commit holds the copy. */
  git?: boolean;
}

/**
 * A temporary copy of this repository's gate inputs (the real files, not fixtures), in which a test
 * can break something and run a gate with `root` set to it; removed after the test.
 */
export async function tempCopy(t: TestContext, options: TempCopyOptions = {}): Promise<TempRoot> {
  const temp = await tempRoot(t, { prefix: "jeeves-copy-", git: options.git });
  for (const path of options.include ?? GATE_INPUTS) {
    await cp(join(ROOT, path), temp.path(path), { recursive: true });
  }
  if (options.git) await temp.commit("a copy of the repository's specs, changelog and generated code");
  return temp;
}
