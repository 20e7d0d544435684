import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { AnchorError } from "./edits/anchor-error.ts";
import { ScaffoldError, serviceNames } from "./names.ts";
import {
  LAYOUT_FILE,
  layoutPorts,
  listedServices,
  manifestFile,
  nextPort,
  REGISTRY_EDITS,
  SERVICES_FILE,
  type ServicePlan,
  serviceManifestText,
} from "./registry-edits.ts";
import { renderTemplate } from "./template.ts";

/** The repository this package sits in (packages/scaffold/ is two folders below its root). */
export const REPOSITORY_ROOT = fileURLToPath(new URL("../../../", import.meta.url));

/** What the tables say a new service does unless told otherwise. */
export const DEFAULT_DESCRIPTION = "greets whoever asks, with a token";

/** Options of {@link newService}. */
export interface NewServiceOptions {
  /** The service's name, kebab-case (`greeter`). */
  name: string;
  /** The repository root (default the one this package is in). */
  root?: string;
  /** One line on what it does, for the docs' tables (default {@link DEFAULT_DESCRIPTION}). */
  description?: string;
  /** Format the files written with Biome (default true). */
  format?: boolean;
}

/** What {@link newService} did. */
export interface NewServiceResult {
  plan: ServicePlan;
  /** Files written from the template, relative to the root. */
  created: string[];
  /** Registry files changed, relative to the root, with what was added to each. */
  changed: { file: string; what: string }[];
}

/** The names of every workspace package (`@jeeves/weather`, …) of the root's `workspaces` folders. */
async function workspaceNames(root: string): Promise<string[]> {
  const folders = ["generated", "contract-tests"];
  for (const group of ["packages", "services"]) {
    const entries = await readdir(join(root, group), { withFileTypes: true }).catch(() => []);
    for (const entry of entries) if (entry.isDirectory()) folders.push(`${group}/${entry.name}`);
  }
  const names: string[] = [];
  for (const folder of folders) {
    const manifest = join(root, folder, "package.json");
    if (existsSync(manifest)) names.push((JSON.parse(await readFile(manifest, "utf8")) as { name: string }).name);
  }
  return names;
}

function checkDescription(description: string): void {
  if (description.length === 0 || description.length > 120 || /["\\|\p{Cc}]/u.test(description)) {
    throw new ScaffoldError(
      "the description is one line of at most 120 characters, without quotes, backslashes or |: it goes into tables and JSON",
    );
  }
}

/** Runs Biome's formatter on the TypeScript and JSON files among `files` (relative to `root`). */
function formatFiles(root: string, files: string[]): void {
  const formattable = files.filter((file) => /\.(?:ts|json)$/.test(file));
  if (formattable.length === 0) return;
  const biome = createRequire(join(root, "package.json")).resolve("@biomejs/biome/bin/biome");
  execFileSync(process.execPath, [biome, "format", "--write", ...formattable], { cwd: root, stdio: "pipe" });
}

/** Reads a file of the repository at `root`, or fails saying the root does not look like Jeeves. */
function readRepositoryFile(root: string, file: string): Promise<string> {
  return readFile(join(root, file), "utf8").catch(() => {
    throw new ScaffoldError(`${file} is missing: is ${root} the Jeeves repository?`);
  });
}

/** The plan of the new service: the services listed before it and the next free port (their manifests'). */
async function planService(root: string, names: ServicePlan["names"], description: string): Promise<ServicePlan> {
  const services = listedServices(await readRepositoryFile(root, SERVICES_FILE));
  if (services.includes(names.name)) throw new ScaffoldError(`the suite already runs a service ${names.name}`);
  const ports: number[] = [];
  for (const service of services) {
    const manifest = JSON.parse(await readRepositoryFile(root, manifestFile(service))) as { port: { default: number } };
    ports.push(manifest.port.default);
  }
  const port = nextPort(ports, layoutPorts(await readRepositoryFile(root, LAYOUT_FILE)));
  return { names, port, description, services };
}

/**
 * Adds a service to the repository at `root`: writes its manifest (`services/<name>/service.json`) and the
 * template (spec, proto messages, the service's folder, its Dredd provider and fuzz test), lists it in
 * packages/manifest/src/services.ts (the suite, the TokenDealer and the contract tests read that list),
 * and adds it to CHANGELOG and the docs' tables (docs/adding-a-service.md). Everything is checked before
 * anything is written: a bad or taken name, a file that exists, a file to edit that does not look as
 * expected fail with a ScaffoldError naming each problem, and leave the repository as it was.
 */
export async function newService(options: NewServiceOptions): Promise<NewServiceResult> {
  const root = options.root ?? REPOSITORY_ROOT;
  const names = serviceNames(options.name);
  const description = options.description ?? DEFAULT_DESCRIPTION;
  checkDescription(description);
  if ((await workspaceNames(root)).includes(`@jeeves/${names.name}`)) {
    throw new ScaffoldError(`a workspace is already called @jeeves/${names.name}: pick another name`);
  }
  const problems: string[] = [];
  let plan: ServicePlan | undefined;
  try {
    plan = await planService(root, names, description);
  } catch (error) {
    if (!(error instanceof AnchorError)) throw error;
    problems.push(error.message);
  }
  const files = plan ? await renderTemplate({ names, port: plan.port, description }) : new Map<string, string>();
  if (plan) files.set(manifestFile(names.name), serviceManifestText(plan));
  for (const path of files.keys()) if (existsSync(join(root, path))) problems.push(`${path} exists already`);
  const changed = new Map<string, string>();
  const done: { file: string; what: string }[] = [];
  for (const edit of plan ? REGISTRY_EDITS : []) {
    const current = changed.get(edit.file) ?? (await readFile(join(root, edit.file), "utf8").catch(() => undefined));
    if (current === undefined) {
      problems.push(`${edit.file}: missing`);
      continue;
    }
    try {
      changed.set(edit.file, edit.apply(current, plan as ServicePlan));
      done.push({ file: edit.file, what: edit.what(plan as ServicePlan) });
    } catch (error) {
      if (!(error instanceof AnchorError)) throw error;
      problems.push(error.message);
    }
  }
  if (problems.length > 0 || !plan) {
    throw new ScaffoldError(
      `nothing written:${problems.map((problem) => `\n  ${problem}`).join("")}\n` +
        "(the generator adds to the declarations and tables docs/adding-a-service.md lists; fix them, or add the service by hand as that page explains)",
    );
  }
  for (const [path, text] of [...files, ...changed]) {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), text);
  }
  const created = [...files.keys()];
  if (options.format ?? true) formatFiles(root, [...created, ...changed.keys()]);
  return { plan, created, changed: done };
}
