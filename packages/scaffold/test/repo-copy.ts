import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, symlink } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { promisify } from "node:util";

const exec = promisify(execFile);

/** The folders of the root package.json's `workspaces` (packages/*, services/*, generated, contract-tests). */
async function workspaceFolders(root: string): Promise<string[]> {
  const folders = ["generated", "contract-tests"];
  for (const group of ["packages", "services"]) {
    for (const entry of await readdir(join(root, group), { withFileTypes: true })) {
      if (entry.isDirectory()) folders.push(`${group}/${entry.name}`);
    }
  }
  return folders.filter((folder) => existsSync(join(root, folder, "package.json")));
}

/** A temporary copy of the repository, runnable on the real node_modules. */
export interface RepoCopy {
  root: string;
  /**
   * Links every workspace of the copy (a new one included) as `node_modules/@jeeves/<name>`, as
   * `npm install` would: relative links into the copy, never into the real repository.
   */
  linkWorkspaces(): Promise<void>;
  /** Removes the copy (the links only, never what they point to). */
  remove(): Promise<void>;
}

/**
 * Copies the repository at `root` into a temporary folder: the files git knows of (tracked, and untracked
 * ones that are not ignored, so that work in progress is copied too), and node_modules as links: one per
 * entry of the real root node_modules except `@jeeves` (see `linkWorkspaces`), and each workspace's own
 * node_modules folder, if it has one.
 */
export async function copyRepository(root: string): Promise<RepoCopy> {
  const copy = await mkdtemp(join(tmpdir(), "jeeves-scaffold-"));
  try {
    const { stdout } = await exec("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], {
      cwd: root,
      maxBuffer: 64 * 1024 * 1024,
    });
    const files = stdout.split("\0").filter((file) => file && existsSync(join(root, file)));
    for (const file of files) {
      await mkdir(dirname(join(copy, file)), { recursive: true });
      await copyFile(join(root, file), join(copy, file));
    }
    await mkdir(join(copy, "node_modules"));
    for (const entry of await readdir(join(root, "node_modules"))) {
      if (entry === "@jeeves") continue;
      await symlink(join(root, "node_modules", entry), join(copy, "node_modules", entry));
    }
    for (const folder of await workspaceFolders(root)) {
      const modules = join(root, folder, "node_modules");
      if (existsSync(modules) && existsSync(join(copy, folder)))
        await symlink(modules, join(copy, folder, "node_modules"));
    }
  } catch (error) {
    await rm(copy, { recursive: true, force: true });
    throw error;
  }
  return {
    root: copy,
    async linkWorkspaces() {
      const scope = join(copy, "node_modules", "@jeeves");
      await rm(scope, { recursive: true, force: true });
      await mkdir(scope);
      for (const folder of await workspaceFolders(copy)) {
        const { name } = JSON.parse(await readFile(join(copy, folder, "package.json"), "utf8")) as { name: string };
        if (!name.startsWith("@jeeves/")) throw new Error(`${folder}/package.json is named ${name}, not @jeeves/…`);
        await symlink(join("..", "..", folder), join(scope, name.slice("@jeeves/".length)));
      }
    },
    remove: () => rm(copy, { recursive: true, force: true }),
  };
}
