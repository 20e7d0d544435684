import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { generate, outputDirs, type Target } from "./generate.ts";

async function listFiles(root: string, target: Target): Promise<string[]> {
  const out: string[] = [];
  async function walk(dir: string): Promise<void> {
    let entries: import("node:fs").Dirent[] = [];
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) await walk(path);
      else out.push(relative(root, path));
    }
  }
  for (const dir of outputDirs(target)) await walk(join(root, dir));
  return out.sort();
}

/**
 * Generates from `specsDir` into a temporary folder and compares with `outDir`. Returns one line per
 * difference (`changed:`, `missing:`, `extra:`); empty when `outDir` is what the specs produce for
 * `target` (default the root generated/).
 */
export async function checkDrift(specsDir: string, outDir: string, target: Target = "generated"): Promise<string[]> {
  const fresh = await mkdtemp(join(tmpdir(), "jeeves-codegen-"));
  try {
    await generate(specsDir, fresh, () => {}, target);
    const [want, have] = await Promise.all([listFiles(fresh, target), listFiles(outDir, target)]);
    const problems: string[] = [];
    for (const file of want) {
      if (!have.includes(file)) {
        problems.push(`missing: ${file}`);
        continue;
      }
      const [a, b] = await Promise.all([readFile(join(fresh, file)), readFile(join(outDir, file))]);
      if (!a.equals(b)) problems.push(`changed: ${file}`);
    }
    for (const file of have) if (!want.includes(file)) problems.push(`extra: ${file}`);
    return problems;
  } finally {
    await rm(fresh, { recursive: true, force: true });
  }
}
