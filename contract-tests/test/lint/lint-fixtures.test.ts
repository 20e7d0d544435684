import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import type { ContractDocument } from "../../src/registry.ts";
import { type LintResult, runLint } from "../../src/lint/run-lint.ts";

interface Case {
  file: string;
  errors: Array<{ rule: string; pointer: string; message: string }>;
}

const fixtures = fileURLToPath(new URL("fixtures/", import.meta.url));
const cases = parse(readFileSync(`${fixtures}cases.yaml`, "utf8")) as Case[];
const documents: ContractDocument[] = cases.map((c) => ({ name: c.file, kind: "openapi", path: fixtures + c.file }));

describe("contract lint rules on fixtures", () => {
  let results: LintResult[];
  before(async () => {
    results = await runLint(documents);
  });

  it("covers every rule of our ruleset with a fixture that breaks it", () => {
    const broken = new Set(cases.flatMap((c) => c.errors.map((e) => e.rule)));
    const config = parse(readFileSync(fileURLToPath(new URL("../../redocly.yaml", import.meta.url)), "utf8"));
    const ours = Object.entries(config.rules as Record<string, string>).filter(([, level]) => level === "error");
    assert.deepEqual(
      ours.map(([rule]) => rule).filter((rule) => !broken.has(rule)),
      [],
      "every rule set to error has a fixture",
    );
  });

  it("uses every rule of the config on the fixtures (none misspelled, the plugin loaded)", () => {
    assert.deepEqual(results[0].unusedRules, []);
  });

  for (const [i, c] of cases.entries()) {
    it(c.errors.length === 0 ? `${c.file} lints clean` : `${c.file} fails with ${c.errors[0].rule}`, () => {
      const { problems } = results[i];
      if (c.errors.length === 0) {
        assert.deepEqual(problems, [], "a conforming fixture has no problem, not even a warning");
        return;
      }
      const errors = problems.filter((p) => p.severity === "error");
      assert.deepEqual(
        errors.map((p) => ({ rule: p.rule, pointer: p.pointer })),
        c.errors.map((e) => ({ rule: e.rule, pointer: e.pointer })),
      );
      for (const [j, expected] of c.errors.entries()) {
        assert.ok(errors[j].message.startsWith(expected.message), `${errors[j].message}\n  !~ ${expected.message}`);
      }
    });
  }
});
