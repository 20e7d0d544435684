import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { CommandKind } from "../../src/domain/command.ts";
import { helpText } from "../../src/domain/help-text.ts";
import { parseCommand } from "../../src/domain/parse-command.ts";

const examples = [...helpText().matchAll(/Example: `([^`]+)`/g)].map((m) => m[1]);

describe("helpText", () => {
  it("is what `help` answers, one line per command with an example", () => {
    assert.equal(parseCommand("help").kind, "help");
    assert.equal(examples.length, helpText().split("\n").length - 1);
  });

  it("has examples that parse to every command kind (so a new command cannot be left out)", () => {
    const kinds = new Set(examples.map((e) => parseCommand(e).kind));
    const every: CommandKind[] = [
      "help",
      "config-set",
      "config-get",
      "config-show",
      "config-unset",
      "location-set",
      "location-get",
      "weather",
      "alerts-on",
      "alerts-off",
    ];
    assert.deepEqual([...kinds].sort(), [...every].sort());
  });

  it("shows examples that are valid as written, the place of the weather example kept whole", () => {
    for (const example of examples) assert.notEqual(parseCommand(example).kind, "invalid", example);
    assert.deepEqual(parseCommand("weather in Saint-Denis, FR"), { kind: "weather", place: "Saint-Denis, FR" });
    assert.ok(examples.includes("weather in Saint-Denis, FR"));
  });
});
