import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import { EXTERNAL_LINT_CONFIG, LINT_CONFIG, type LintResult, runLint } from "../../src/lint/run-lint.ts";
import type { ContractDocument } from "../../src/registry.ts";

interface Case {
  file: string;
  /** Registered as an external document. */
  external?: boolean;
  /** The document's kind (default: openapi). */
  kind?: ContractDocument["kind"];
  errors: Array<{ rule: string; pointer: string; message: string }>;
}

/** The rules of our own format, which external documents are exempt from. */
const HOUSE_RULES = ["jeeves/error-problem-json", "jeeves/proto-media-types"];

const fixtures = fileURLToPath(new URL("fixtures/", import.meta.url));
const cases = parse(readFileSync(`${fixtures}cases.yaml`, "utf8")) as Case[];
const documents: ContractDocument[] = cases.map((c) => ({
  name: c.file,
  kind: c.kind ?? "openapi",
  path: fixtures + c.file,
  ...(c.external ? { external: true } : {}),
}));
const rulesOf = (config: string) => (parse(readFileSync(config, "utf8")) as { rules: Record<string, string> }).rules;

describe("contract lint rules on fixtures", () => {
  let results: LintResult[];
  before(async () => {
    results = await runLint(documents);
  });

  it("covers every rule of our ruleset with a fixture that breaks it", () => {
    const broken = new Set(cases.flatMap((c) => c.errors.map((e) => e.rule)));
    const ours = Object.entries(rulesOf(LINT_CONFIG)).filter(([, level]) => level === "error");
    assert.deepEqual(
      ours.map(([rule]) => rule).filter((rule) => !broken.has(rule)),
      [],
      "every rule set to error has a fixture",
    );
  });

  it("holds external documents to every rule of ours but the house rules, which are off", () => {
    const external = rulesOf(EXTERNAL_LINT_CONFIG);
    for (const [rule, level] of Object.entries(rulesOf(LINT_CONFIG))) {
      if (level !== "error") continue;
      assert.equal(external[rule], HOUSE_RULES.includes(rule) ? "off" : "error", rule);
    }
  });

  it("lints each fixture with the config of its registration", () => {
    for (const [i, c] of cases.entries()) {
      assert.equal(results[i].config, c.external ? EXTERNAL_LINT_CONFIG : LINT_CONFIG, c.file);
    }
  });

  it("uses every rule of both configs on the fixtures (none misspelled, the plugin loaded)", () => {
    assert.deepEqual(results.find((r) => r.config === LINT_CONFIG)?.unusedRules, []);
    assert.deepEqual(results.find((r) => r.config === EXTERNAL_LINT_CONFIG)?.unusedRules, []);
  });

  for (const [i, c] of cases.entries()) {
    const name = `${c.file}${c.external ? " (external)" : ""}`;
    it(c.errors.length === 0 ? `${name} lints clean` : `${name} fails with ${c.errors[0].rule}`, () => {
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
