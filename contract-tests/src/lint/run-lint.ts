import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { basename, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { type ContractDocument, DOCUMENTS, ROOT } from "../registry.ts";
import { checkAsyncApiExamples } from "./asyncapi-examples.ts";

const run = promisify(execFile);

/** contract-tests/redocly.yaml: `recommended` plus the Jeeves rules (plugin src/lint/jeeves-plugin.js). */
export const LINT_CONFIG = fileURLToPath(new URL("../../redocly.yaml", import.meta.url));

/**
 * contract-tests/redocly-external.yaml, for the documents registered as external (`external: true`):
 * `recommended` and the generic rules of redocly.yaml, without the house rules of our own format.
 */
export const EXTERNAL_LINT_CONFIG = fileURLToPath(new URL("../../redocly-external.yaml", import.meta.url));

/** The Redocly CLI entry point of the installed @redocly/cli, run with this Node. */
const REDOCLY_BIN = join(createRequire(import.meta.url).resolve("@redocly/cli/package.json"), "..", "bin", "cli.js");

/** No telemetry, no update notice: the CLI runs offline and quiet. */
const REDOCLY_ENV = { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_NOTIFICATIONS: "true" };

/** One problem Redocly found. */
export interface LintProblem {
  /**
   * Rule id: a built-in (`security-defined`), one of our plugin (`jeeves/error-problem-json`), or
   * `jeeves/asyncapi-example` (src/lint/asyncapi-examples.ts, outside Redocly).
   */
  rule: string;
  severity: "error" | "warn";
  message: string;
  /** JSON pointer of the node, e.g. `#/paths/~1users/get`. */
  pointer: string;
  /** The file the node is in, as Redocly names it (relative to the repository root). */
  file: string;
  line?: number;
  col?: number;
}

/** The problems of one document. */
export interface LintResult {
  document: ContractDocument;
  problems: LintProblem[];
  /** The Redocly config it was linted with (absolute path). */
  config: string;
  /** The Redocly CLI version that linted it. */
  redoclyVersion: string;
  /** Rules of its config that no document linted with that config used (a typo, or a plugin that did not load). */
  unusedRules: string[];
}

/** Options of {@link runLint}. */
export interface LintOptions {
  /** Where document paths are relative to (default: the repository root). */
  root?: string;
  /** The Redocly config of our own documents (default: {@link LINT_CONFIG}). */
  config?: string;
  /** The Redocly config of external documents (default: {@link EXTERNAL_LINT_CONFIG}). */
  externalConfig?: string;
  /** Called with a progress line before and after each Redocly run. */
  onProgress?: (line: string) => void;
}

interface RedoclyJson {
  version: string;
  problems: Array<{
    ruleId: string;
    severity: "error" | "warn";
    message: string;
    location: Array<{ source: { ref: string }; pointer: string; start?: { line: number; col: number } }>;
  }>;
}

/** One Redocly CLI run over some files: its JSON report of each file, in order, and its unused rules. */
async function redoclyLint(
  files: string[],
  root: string,
  config: string,
): Promise<{ reports: RedoclyJson[]; unusedRules: string[] }> {
  const args = [
    REDOCLY_BIN,
    "lint",
    "--config",
    config,
    "--format=json",
    "--lint-config=error",
    "--max-problems=100000",
    ...files,
  ];
  let stdout: string;
  let stderr: string;
  try {
    ({ stdout, stderr } = await run(process.execPath, args, {
      cwd: root,
      env: REDOCLY_ENV,
      maxBuffer: 64 * 1024 * 1024,
    }));
  } catch (error) {
    // Exit code 1 means "problems found" and still prints the report; anything else is a failure.
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    if (failed.code !== 1 || !failed.stdout?.trim().startsWith("{")) {
      throw new Error(`redocly lint ${files.join(" ")} failed (exit ${failed.code}): ${failed.stderr ?? error}`);
    }
    stdout = failed.stdout;
    stderr = failed.stderr ?? "";
  }
  // One pretty-printed JSON object per file, back to back: the root's closing brace is the only `}`
  // that starts a line.
  const reports = stdout
    .trim()
    .split(/(?<=\n\})(?=\s*\{)/)
    .map((block) => JSON.parse(block) as RedoclyJson);
  if (reports.length !== files.length) {
    throw new Error(`redocly lint answered ${reports.length} report(s) for ${files.length} file(s)`);
  }
  // A rule no document could use: misspelled, or its plugin did not load (Redocly only warns).
  const unused = /Unused rules found in .*?: (.+?)\.\s*$/m.exec(stderr)?.[1];
  return { reports, unusedRules: unused ? unused.split(/,\s*/) : [] };
}

/**
 * Lints the documents with the Redocly CLI and answers the problems (errors and warnings) of each, in
 * document order: our documents with contract-tests/redocly.yaml, external ones (`external: true`) with
 * contract-tests/redocly-external.yaml, one CLI run per config. A problem in a file that a document
 * references goes to that document. Redocly checks the examples of OpenAPI documents only, so those of
 * AsyncAPI documents are validated against their schemas here, with ajv (rule `jeeves/asyncapi-example`).
 */
export async function runLint(
  documents: ContractDocument[] = DOCUMENTS,
  options: LintOptions = {},
): Promise<LintResult[]> {
  const root = options.root ?? ROOT;
  const progress = options.onProgress ?? (() => {});
  const configOf = (document: ContractDocument) =>
    document.external ? (options.externalConfig ?? EXTERNAL_LINT_CONFIG) : (options.config ?? LINT_CONFIG);
  const groups = new Map<string, ContractDocument[]>();
  for (const document of documents) {
    const config = configOf(document);
    groups.set(config, [...(groups.get(config) ?? []), document]);
  }
  const linted = new Map<ContractDocument, LintResult>();
  for (const [config, group] of groups) {
    const started = Date.now();
    const name = basename(config);
    progress(`lint: redocly (${name}) on ${group.map((d) => d.name).join(", ")}…`);
    const { reports, unusedRules } = await redoclyLint(
      group.map((d) => resolve(root, d.path)),
      root,
      config,
    );
    progress(`lint: ${group.length} document(s) linted with ${name} in ${Date.now() - started} ms`);
    for (const [i, document] of group.entries()) {
      const report = reports[i];
      const problems = report.problems.map((p): LintProblem => {
        const where = p.location[0];
        return {
          rule: p.ruleId,
          severity: p.severity,
          message: p.message,
          pointer: where?.pointer ?? "#/",
          file: where?.source.ref ?? document.path,
          line: where?.start?.line,
          col: where?.start?.col,
        };
      });
      linted.set(document, { document, problems, config, redoclyVersion: report.version, unusedRules });
    }
  }
  for (const document of documents) {
    if (document.kind !== "asyncapi") continue;
    const path = resolve(root, document.path);
    const { checked, problems } = checkAsyncApiExamples(await readFile(path, "utf8"), relative(root, path));
    linted.get(document)!.problems.push(...problems);
    progress(
      `lint: ${document.name}: ${checked.length} AsyncAPI example(s) checked with ajv, ${problems.length} invalid`,
    );
  }
  return documents.map((document) => linted.get(document)!);
}
