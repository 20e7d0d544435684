import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import type { LintProblem, LintResult } from "./run-lint.ts";

/** contract-tests/lint-exceptions.yaml: the reviewed list of known spec defects the lint tolerates. */
export const EXCEPTIONS_FILE = fileURLToPath(new URL("../../lint-exceptions.yaml", import.meta.url));

/** One known lint error, tolerated until the spec is fixed. */
export interface LintException {
  /** Document name, as in DOCUMENTS. */
  document: string;
  rule: string;
  /** The JSON pointer Redocly reports. */
  pointer: string;
  /** Why it is a defect. */
  reason: string;
  /** The exact change in specs/ that removes it. */
  fix: string;
}

/** A lint error of one document. */
export interface DocumentProblem {
  document: string;
  problem: LintProblem;
}

/** The lint errors split by the exceptions. */
export interface Verdict {
  /** Errors no exception covers: these fail the lint. */
  errors: DocumentProblem[];
  /** Errors an exception covers, with it. */
  excepted: Array<DocumentProblem & { exception: LintException }>;
  /** Exceptions that match no error any more (the spec was fixed): remove them. */
  stale: LintException[];
}

/** Reads and checks the exceptions file (every entry needs document, rule, pointer, reason and fix). */
export async function loadExceptions(file: string = EXCEPTIONS_FILE): Promise<LintException[]> {
  const parsed = (parse(await readFile(file, "utf8")) ?? {}) as { exceptions?: LintException[] | null };
  const exceptions = parsed.exceptions ?? [];
  for (const [i, entry] of exceptions.entries()) {
    for (const key of ["document", "rule", "pointer", "reason", "fix"] as const) {
      if (typeof entry?.[key] !== "string" || entry[key].trim() === "") {
        throw new Error(`${file}: exception ${i + 1} needs a non-empty \`${key}\``);
      }
    }
  }
  return exceptions;
}

/** Splits the errors of lint results (warnings aside) into failing, excepted, and finds stale exceptions. */
export function applyExceptions(results: LintResult[], exceptions: LintException[]): Verdict {
  const verdict: Verdict = { errors: [], excepted: [], stale: [] };
  const used = new Set<LintException>();
  for (const { document, problems } of results) {
    for (const problem of problems) {
      if (problem.severity !== "error") continue;
      const exception = exceptions.find(
        (e) => e.document === document.name && e.rule === problem.rule && e.pointer === problem.pointer,
      );
      if (exception) {
        used.add(exception);
        verdict.excepted.push({ document: document.name, problem, exception });
      } else {
        verdict.errors.push({ document: document.name, problem });
      }
    }
  }
  const linted = new Set(results.map((r) => r.document.name));
  verdict.stale = exceptions.filter((e) => linted.has(e.document) && !used.has(e));
  return verdict;
}
