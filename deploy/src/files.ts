import { chmod, mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { SERVICE_MANIFESTS } from "@jeeves/manifest";
import { renderDeployFiles } from "./render.ts";

/** The folders below deploy/ that hold only generated files: any other file there is stale. */
const GENERATED_FOLDERS = ["k8s", "monitoring"];

/** Each service's image tag: the version of its workspace (services/<name>/package.json). */
export async function serviceVersions(root: string, names: readonly string[]): Promise<Record<string, string>> {
  const versions: Record<string, string> = {};
  for (const name of names) {
    const manifest = JSON.parse(await readFile(join(root, "services", name, "package.json"), "utf8"));
    versions[name] = manifest.version;
  }
  return versions;
}

/** The deploy files the manifest gives now, by path below deploy/. */
export async function expectedDeployFiles(root: string): Promise<Map<string, string>> {
  const versions = await serviceVersions(
    root,
    SERVICE_MANIFESTS.map((service) => service.name),
  );
  return renderDeployFiles(SERVICE_MANIFESTS, versions);
}

async function readOrUndefined(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, "utf8");
  } catch {
    return undefined;
  }
}

async function stale(deploy: string, expected: Map<string, string>): Promise<string[]> {
  const found: string[] = [];
  for (const folder of GENERATED_FOLDERS) {
    const entries = await readdir(join(deploy, folder)).catch(() => [] as string[]);
    for (const entry of entries) if (!expected.has(`${folder}/${entry}`)) found.push(`${folder}/${entry}`);
  }
  return found;
}

/**
 * What differs between the committed deploy files and the manifest's: files out of date or missing, and
 * stale files in the generated folders (one line each; empty when up to date).
 */
export async function deployDrift(deploy: string, expected: Map<string, string>): Promise<string[]> {
  const problems: string[] = [];
  for (const [path, text] of expected) {
    const current = await readOrUndefined(join(deploy, path));
    if (current === undefined) problems.push(`deploy/${path} is missing`);
    else if (current !== text) problems.push(`deploy/${path} is out of date`);
  }
  for (const path of await stale(deploy, expected)) problems.push(`deploy/${path} is not generated any more`);
  return problems;
}

/** Writes the deploy files (scripts executable) and removes the stale ones; answers the paths written. */
export async function writeDeployFiles(deploy: string, expected: Map<string, string>): Promise<string[]> {
  const written: string[] = [];
  for (const [path, text] of expected) {
    const target = join(deploy, path);
    if ((await readOrUndefined(target)) !== text) {
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, text);
      written.push(path);
    }
    if (path.endsWith(".sh")) await chmod(target, 0o755);
  }
  for (const path of await stale(deploy, expected)) await rm(join(deploy, path));
  return written;
}
