import assert from "node:assert/strict";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { applyExceptions, EXCEPTIONS_FILE, type LintException, loadExceptions } from "../../src/lint/exceptions.ts";
import type { LintProblem, LintResult } from "../../src/lint/run-lint.ts";

const problem = (rule: string, pointer: string, severity: "error" | "warn" = "error"): LintProblem => ({
  rule,
  severity,
  message: `${rule} at ${pointer}`,
  pointer,
  file: "spec.yaml",
});
const result = (name: string, problems: LintProblem[]): LintResult => ({
  document: { name, kind: "openapi", path: `${name}.yaml` },
  problems,
  config: "redocly.yaml",
  redoclyVersion: "2.77.0",
  unusedRules: [],
});
const exception = (document: string, rule: string, pointer: string): LintException => ({
  document,
  rule,
  pointer,
  reason: "known",
  fix: "change the spec",
});

describe("lint exceptions", () => {
  const cases: Array<{
    name: string;
    results: LintResult[];
    exceptions: LintException[];
    errors: string[];
    excepted: string[];
    stale: string[];
  }> = [
    {
      name: "an exception covers the error with its document, rule and pointer",
      results: [result("a", [problem("security-defined", "#/paths/~1x/get")])],
      exceptions: [exception("a", "security-defined", "#/paths/~1x/get")],
      errors: [],
      excepted: ["a security-defined #/paths/~1x/get"],
      stale: [],
    },
    {
      name: "another pointer, rule or document is still an error, and the exception is stale",
      results: [
        result("a", [problem("security-defined", "#/paths/~1y/get"), problem("jeeves/x", "#/paths/~1x/get")]),
        result("b", [problem("security-defined", "#/paths/~1x/get")]),
      ],
      exceptions: [exception("a", "security-defined", "#/paths/~1x/get")],
      errors: [
        "a security-defined #/paths/~1y/get",
        "a jeeves/x #/paths/~1x/get",
        "b security-defined #/paths/~1x/get",
      ],
      excepted: [],
      stale: ["a security-defined #/paths/~1x/get"],
    },
    {
      name: "warnings never fail and never use up an exception",
      results: [result("a", [problem("tag-description", "#/tags/0", "warn")])],
      exceptions: [exception("a", "tag-description", "#/tags/0")],
      errors: [],
      excepted: [],
      stale: ["a tag-description #/tags/0"],
    },
    {
      name: "an exception of a document not linted in this run is not stale",
      results: [result("a", [])],
      exceptions: [exception("b", "security-defined", "#/paths/~1x/get")],
      errors: [],
      excepted: [],
      stale: [],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const verdict = applyExceptions(c.results, c.exceptions);
      const show = (d: { document: string; problem: LintProblem }) =>
        `${d.document} ${d.problem.rule} ${d.problem.pointer}`;
      assert.deepEqual(verdict.errors.map(show), c.errors);
      assert.deepEqual(verdict.excepted.map(show), c.excepted);
      assert.deepEqual(
        verdict.stale.map((e) => `${e.document} ${e.rule} ${e.pointer}`),
        c.stale,
      );
    });
  }

  it("every entry of lint-exceptions.yaml says why and how to fix it", async () => {
    for (const entry of await loadExceptions(EXCEPTIONS_FILE)) {
      assert.match(entry.fix, /specs\//, `${entry.pointer}: the fix names the spec file to change`);
    }
  });

  it("refuses an entry without a fix", async (t) => {
    const dir = await mkdtemp(join(tmpdir(), "lint-exceptions-"));
    t.after(() => rm(dir, { recursive: true, force: true }));
    const file = join(dir, "exceptions.yaml");
    await writeFile(file, "exceptions:\n  - { document: a, rule: r, pointer: '#/x', reason: because }\n");
    await assert.rejects(loadExceptions(file), /exception 1 needs a non-empty `fix`/);
  });
});
