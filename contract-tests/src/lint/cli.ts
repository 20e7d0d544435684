/**
 * `tsx src/lint/cli.ts`: lints every document of DOCUMENTS with contract-tests/redocly.yaml (external
 * ones with redocly-external.yaml) and the examples of AsyncAPI documents with ajv
 * (`jeeves/asyncapi-example`), prints each problem, and exits 1 on an error that
 * lint-exceptions.yaml does not list, or on a stale exception.
 */
import { relative } from "node:path";
import { ROOT } from "../registry.ts";
import { applyExceptions, EXCEPTIONS_FILE, loadExceptions } from "./exceptions.ts";
import { EXTERNAL_LINT_CONFIG, LINT_CONFIG, type LintProblem, runLint } from "./run-lint.ts";

const at = (p: LintProblem) => `${p.file}${p.line ? `:${p.line}:${p.col}` : ""} ${p.pointer}`;

const started = Date.now();
console.log(
  `lint: ${relative(ROOT, LINT_CONFIG)} (external documents: ${relative(ROOT, EXTERNAL_LINT_CONFIG)}), ` +
    `exceptions in ${relative(ROOT, EXCEPTIONS_FILE)}`,
);
const exceptions = await loadExceptions();
const results = await runLint(undefined, { onProgress: (line) => console.log(line) });
const verdict = applyExceptions(results, exceptions);
const unusedByConfig = new Map(results.map((r) => [r.config, r.unusedRules]));
for (const [config, unused] of unusedByConfig) {
  if (unused.length > 0)
    console.log(`lint: rules of ${relative(ROOT, config)} no document used (typo?): ${unused.join(", ")}`);
}
for (const { document, problems, config } of results) {
  const errors = problems.filter((p) => p.severity === "error").length;
  const how = document.external ? `, external: ${relative(ROOT, config)}` : "";
  console.log(`\n${document.name}: ${errors} error(s), ${problems.length - errors} warning(s)${how}`);
  for (const problem of problems) {
    const known = verdict.excepted.find((e) => e.problem === problem);
    const level = known ? "known" : problem.severity;
    console.log(`  ${level.padEnd(5)} ${problem.rule}  ${at(problem)}\n        ${problem.message}`);
    if (known) console.log(`        known exception, fix: ${known.exception.fix}`);
  }
}
for (const stale of verdict.stale) {
  console.log(`\nstale exception (the error is gone: remove it from lint-exceptions.yaml):`);
  console.log(`  ${stale.document} ${stale.rule} ${stale.pointer}`);
}
const failed = verdict.errors.length > 0 || verdict.stale.length > 0;
console.log(
  `\nlint: ${results.length} document(s), ${verdict.errors.length} error(s), ${verdict.excepted.length} known exception(s), ` +
    `${verdict.stale.length} stale exception(s) in ${Date.now() - started} ms: ${failed ? "FAILED" : "ok"}`,
);
process.exitCode = failed ? 1 : 0;
