import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { applyExceptions, type LintException, loadExceptions, type Verdict } from "../../src/lint/exceptions.ts";
import { type LintResult, runLint } from "../../src/lint/run-lint.ts";
import { DOCUMENTS } from "../../src/registry.ts";

const exceptions = await loadExceptions();
const named = (e: LintException) => `${e.document} ${e.rule} ${e.pointer}`;

describe("contract lint of the real specs (DOCUMENTS)", () => {
  let results: LintResult[];
  let verdict: Verdict;
  before(async () => {
    results = await runLint();
    verdict = applyExceptions(results, exceptions);
  });

  it("lints every document with Redocly CLI 2.77.0", () => {
    assert.deepEqual(
      results.map((r) => r.document.name),
      DOCUMENTS.map((d) => d.name),
    );
    for (const result of results) assert.equal(result.redoclyVersion, "2.77.0");
  });

  it("has no lint error beyond the reviewed exceptions of lint-exceptions.yaml", () => {
    const errors = verdict.errors.map(
      ({ document, problem }) => `${document} ${problem.rule} ${problem.pointer}: ${problem.message}`,
    );
    assert.deepEqual(errors, []);
  });

  it("lists exceptions only for documents of DOCUMENTS", () => {
    const names = new Set(DOCUMENTS.map((d) => d.name));
    assert.deepEqual(exceptions.filter((e) => !names.has(e.document)).map(named), []);
  });

  for (const exception of exceptions) {
    it(`known exception still needed: ${named(exception)} (fix: ${exception.fix})`, () => {
      assert.ok(
        !verdict.stale.includes(exception),
        `stale: the spec no longer has this error, remove the entry from lint-exceptions.yaml`,
      );
    });
  }
});
