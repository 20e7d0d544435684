import { readdir, readFile } from "node:fs/promises";
import { join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import type { ServiceNames } from "./names.ts";

/** The template of a new service: its files, laid out as they go into the repository. */
export const TEMPLATE_DIR = fileURLToPath(new URL("../template/", import.meta.url));

/** What the template's placeholders stand for. */
export interface TemplateValues {
  names: ServiceNames;
  /** The service's default port. */
  port: number;
  /** One line on what it does (no `|`, quotes or backslashes: it goes into tables and JSON). */
  description: string;
}

/**
 * Replaces the placeholders of the template in `text` (a path or a file's content): `__name__` (kebab),
 * `__Name__` (Pascal), `__camelName__`, `__NAME__` (upper snake), `__port__` and `__description__`.
 */
export function fillPlaceholders(text: string, values: TemplateValues): string {
  const { names } = values;
  const value: Record<string, string> = {
    name: names.name,
    Name: names.pascal,
    camelName: names.camel,
    NAME: names.constant,
    port: String(values.port),
    description: values.description,
  };
  return text.replace(/__(name|Name|camelName|NAME|port|description)__/g, (_match, key: string) => value[key]);
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
}

/** The template's files with their placeholders filled: repository-relative path (with `/`) → content. */
export async function renderTemplate(
  values: TemplateValues,
  templateDir: string = TEMPLATE_DIR,
): Promise<Map<string, string>> {
  const rendered = new Map<string, string>();
  for (const file of (await filesUnder(templateDir)).sort()) {
    const path = fillPlaceholders(relative(templateDir, file).split(sep).join("/"), values);
    rendered.set(path, fillPlaceholders(await readFile(file, "utf8"), values));
  }
  return rendered;
}
