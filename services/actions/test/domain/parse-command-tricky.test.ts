import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Command } from "../../src/domain/command.ts";
import { parseCommand } from "../../src/domain/parse-command.ts";

/** Inputs the fixture table cannot hold well: 4,000-character texts, unicode, odd spacing and case. */
const CASES: { name: string; input: string; expected: Command }[] = [
  {
    name: "a 4,000-character config value is kept whole (the dataservice decides on its length)",
    input: `config set motto ${"y".repeat(3983)}`,
    expected: { kind: "config-set", key: "motto", value: "y".repeat(3983) },
  },
  {
    name: "4,000 characters of nothing known",
    input: "x".repeat(4000),
    expected: { kind: "unknown", text: "x".repeat(4000) },
  },
  {
    name: "a 4,000-character place made of a word containing 'in'",
    input: `weather in ${"Llanfair".repeat(498)}`,
    expected: { kind: "weather", place: "Llanfair".repeat(498) },
  },
  {
    name: "4,000 characters of accented letters",
    input: `location set ${"é".repeat(3987)}`,
    expected: { kind: "location-set", place: "é".repeat(3987) },
  },
  {
    name: "command words in any case, values as written",
    input: "CONFIG SET Units Metric",
    expected: { kind: "config-set", key: "units", value: "Metric" },
  },
  { name: "unicode place", input: "weather in São Paulo", expected: { kind: "weather", place: "São Paulo" } },
  {
    name: "mixed case and runs of spaces",
    input: "wEaThEr   iN   Zürich",
    expected: { kind: "weather", place: "Zürich" },
  },
  { name: "a place in another script", input: "location set 東京", expected: { kind: "location-set", place: "東京" } },
  {
    name: "emoji values",
    input: "config set emoji 🎩🍸",
    expected: { kind: "config-set", key: "emoji", value: "🎩🍸" },
  },
  { name: "Berlin keeps its 'in'", input: "weather Berlin", expected: { kind: "weather", place: "Berlin" } },
  {
    name: "Innsbruck with units",
    input: "weather in Innsbruck in imperial",
    expected: { kind: "weather", place: "Innsbruck", units: "imperial" },
  },
  { name: "empty text", input: "", expected: { kind: "unknown", text: "" } },
  { name: "only whitespace and newlines", input: " \n\t  ", expected: { kind: "unknown", text: "" } },
];

describe("parseCommand with tricky input", () => {
  for (const c of CASES) {
    it(c.name, () => assert.deepEqual(parseCommand(c.input), c.expected));
  }
});
