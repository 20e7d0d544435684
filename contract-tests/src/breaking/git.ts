import { execFile } from "node:child_process";
import { promisify } from "node:util";

const run = promisify(execFile);

/** Runs git in a repository and answers its trimmed stdout, or undefined when git fails. */
export async function git(root: string, args: string[]): Promise<string | undefined> {
  try {
    const { stdout } = await run("git", args, { cwd: root, maxBuffer: 64 * 1024 * 1024 });
    return stdout.trimEnd();
  } catch {
    return undefined;
  }
}

/** The commit a ref names, or undefined. */
export async function commitOf(root: string, ref: string): Promise<string | undefined> {
  return git(root, ["rev-parse", "--verify", "--quiet", `${ref}^{commit}`]);
}

/** The base the gate compares with, and how it was chosen. */
export interface Base {
  /** A commit id, or undefined when there is nothing to compare with. */
  commit: string | undefined;
  /** e.g. `merge base of HEAD and main`, `HEAD~1 (HEAD is main)`. */
  how: string;
}

/**
 * The base of the comparison: the given ref; else the merge base of HEAD and `main` (or `origin/main`);
 * else, when HEAD is main itself or there is no main, the previous commit HEAD~1; else nothing.
 */
export async function resolveBase(root: string, base?: string): Promise<Base> {
  if (base) {
    const commit = await commitOf(root, base);
    if (!commit) throw new Error(`breaking: no commit ${base} in ${root}`);
    return { commit, how: base };
  }
  const head = await commitOf(root, "HEAD");
  if (!head) return { commit: undefined, how: "no commit yet" };
  for (const main of ["main", "origin/main"]) {
    const tip = await commitOf(root, main);
    if (!tip || tip === head) continue;
    const mergeBase = await git(root, ["merge-base", "HEAD", main]);
    if (mergeBase) return { commit: mergeBase, how: `merge base of HEAD and ${main}` };
  }
  const previous = await commitOf(root, "HEAD~1");
  if (previous) return { commit: previous, how: "HEAD~1" };
  return { commit: undefined, how: "HEAD has no parent (or the clone is shallow)" };
}

/** A file's text at a commit (path relative to root), or undefined when it did not exist there. */
export async function fileAt(root: string, commit: string, path: string): Promise<string | undefined> {
  return git(root, ["show", `${commit}:./${path}`]);
}

/** The files under a folder at a commit (paths relative to root). */
export async function filesAt(root: string, commit: string, folder: string): Promise<string[]> {
  const out = await git(root, ["ls-tree", "-r", "--name-only", "--full-name", commit, "--", folder]);
  const prefix = (await git(root, ["rev-parse", "--show-prefix"])) ?? "";
  return (out ?? "")
    .split("\n")
    .filter(Boolean)
    .map((file) => (file.startsWith(prefix) ? file.slice(prefix.length) : file));
}
