import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { parse } from "yaml";
import type { Command } from "../../src/domain/command.ts";
import { type ParseOptions, parseCommand } from "../../src/domain/parse-command.ts";

interface Case {
  input: string;
  options?: ParseOptions;
  /** A Command, except that an invalid one has `reason_contains` (a substring) instead of `reason`. */
  expected: Record<string, unknown>;
  why?: string;
}

const cases: Case[] = parse(readFileSync(new URL("fixtures/commands.yaml", import.meta.url), "utf8"));

describe("parseCommand (fixtures/commands.yaml)", () => {
  it("has a fixture of at least 60 distinct inputs", () => {
    assert.ok(cases.length >= 60, `${cases.length} cases`);
    const keys = cases.map((c) => JSON.stringify([c.input, c.options ?? null]));
    assert.equal(new Set(keys).size, keys.length, "a case is listed twice");
  });

  for (const c of cases) {
    const title = `${JSON.stringify(c.input)}${c.options ? ` ${JSON.stringify(c.options)}` : ""}${c.why ? ` (${c.why})` : ""}`;
    it(title, () => {
      assert.equal(typeof c.input, "string", "the fixture's input must be a string");
      const actual: Command = parseCommand(c.input, c.options);
      const { reason_contains, ...expected } = c.expected;
      if (actual.kind === "invalid" && typeof reason_contains === "string") {
        const { reason, ...rest } = actual;
        assert.deepEqual(rest, expected);
        assert.ok(
          reason.includes(reason_contains),
          `reason ${JSON.stringify(reason)} lacks ${JSON.stringify(reason_contains)}`,
        );
      } else {
        assert.deepEqual(actual, expected);
      }
    });
  }
});
