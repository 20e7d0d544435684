import { AnchorError } from "./anchor-error.ts";

/** The cells of a Markdown table row (`| a | b |` → `["a", "b"]`). */
export function tableCells(line: string): string[] {
  return line
    .trim()
    .replace(/^\|/, "")
    .replace(/\|$/, "")
    .split("|")
    .map((cell) => cell.trim());
}

/**
 * Adds `row` to the Markdown table whose header line starts with `header`: after the last row `after`
 * accepts (given its cells), or else after the last row. Refuses a missing table and a row whose first
 * cell is already there.
 */
export function addTableRow(
  path: string,
  text: string,
  header: string,
  row: string,
  after?: (cells: string[]) => boolean,
): string {
  const lines = text.split("\n");
  const start = lines.findIndex((line) => line.startsWith(header));
  if (start === -1) throw new AnchorError(path, `no table with the header ${header}`);
  let end = start + 1;
  while (end < lines.length && lines[end].startsWith("|")) end += 1;
  // The header and its |---| line, then the rows.
  const rows = lines.slice(start + 2, end).map((line, offset) => ({ at: start + 2 + offset, cells: tableCells(line) }));
  const first = tableCells(row)[0];
  if (rows.some(({ cells }) => cells[0] === first)) {
    throw new AnchorError(path, `the table ${header} already has a row ${first}`);
  }
  const accepted = after ? rows.filter(({ cells }) => after(cells)) : rows;
  const at = (accepted.at(-1) ?? rows.at(-1))?.at ?? start + 1;
  lines.splice(at + 1, 0, row);
  return lines.join("\n");
}

/** Appends `line` at the end of the text (which keeps its final newline); refuses a line that is there already. */
export function appendLine(path: string, text: string, line: string): string {
  if (text.split("\n").includes(line)) throw new AnchorError(path, `already has the line ${line}`);
  const body = text.endsWith("\n") ? text : `${text}\n`;
  return `${body}${line}\n`;
}

/** Appends `key: {}` to a YAML file whose top-level keys are names; refuses a key that is there already. */
export function appendYamlKey(path: string, text: string, key: string, value: string): string {
  if (text.split("\n").some((line) => line.startsWith(`${key}:`))) {
    throw new AnchorError(path, `already has the key ${key}`);
  }
  return appendLine(path, text, `${key}: ${value}`);
}

/** Adds `"<name>": "<version>"` to a package.json's `field` (dependencies, devDependencies); refuses one listed already. */
export function addDependency(path: string, text: string, field: string, name: string, version: string): string {
  const manifest = JSON.parse(text) as Record<string, Record<string, string> | unknown>;
  for (const group of ["dependencies", "devDependencies"]) {
    const listed = manifest[group] as Record<string, string> | undefined;
    if (listed && name in listed) throw new AnchorError(path, `${group} already lists ${name}`);
  }
  manifest[field] = { ...((manifest[field] as Record<string, string> | undefined) ?? {}), [name]: version };
  return `${JSON.stringify(manifest, null, 2)}\n`;
}
