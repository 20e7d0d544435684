import { readFile } from "node:fs/promises";
import { join } from "node:path";

/** The changelog the gate reads, at the repository root (it never writes it). */
export const CHANGELOG = "CHANGELOG.md";

/** The major of a `info.version` such as `2.1.0` (or `v2`), or undefined when it has none. */
export function majorOf(version: unknown): number | undefined {
  const match = /^v?(\d+)(?:\.|$)/.exec(String(version ?? "").trim());
  return match ? Number(match[1]) : undefined;
}

const literal = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * The changelog line that names a document and a version as words (`- dataservice 2.0.0: breaking:
 * removed User.location`), or undefined. `dataservice` does not match `mydataservice`, nor `2.0.0` `12.0.0`.
 */
export function changelogLine(changelog: string, document: string, version: string): string | undefined {
  const name = new RegExp(`(^|[^\\w-])${literal(document)}($|[^\\w-])`, "i");
  const number = new RegExp(`(^|[^\\w.])v?${literal(version)}($|[^\\w]|\\.(?!\\d))`);
  return changelog.split("\n").find((line) => name.test(line) && number.test(line));
}

/** The text of CHANGELOG.md at a root, or "" when there is none. */
export async function readChangelog(root: string): Promise<string> {
  try {
    return await readFile(join(root, CHANGELOG), "utf8");
  } catch {
    return "";
  }
}
