import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Command } from "../../src/domain/command.ts";
import { MAX_MESSAGE_LENGTH, parseCommand } from "../../src/domain/parse-command.ts";
import { decodeSlackText } from "../../src/domain/slack-text.ts";

// Inputs that made the old expressions backtrack quadratically (`/[?!]+$/`, `/(?:^|\s+)(?:in\s+…)$/`,
// `/^(\S+)(?:\s+([\s\S]*))?$/`, the link pattern on `<a:<a:…`). That every expression now runs in linear
// time is proven statically by the lint gate (eslint.config.js, `regexp/no-super-linear-*`, which
// `npm run lint` runs on every file); these tests pin what each input parses to, so that a rewrite that
// changes the answers fails here. No test here measures time.

/** Slack's longest message: 40,000 characters. */
const SLACK_MAX = 40_000;
/** What fills a message up to `length` characters after `prefix`. */
const fill = (prefix: string, unit: string, length: number) =>
  prefix + unit.repeat(Math.ceil((length - prefix.length) / unit.length)).slice(0, length - prefix.length);

/** Near the cap: read in full. */
const NEAR = MAX_MESSAGE_LENGTH - 100;

const UNDER_THE_CAP: { name: string; input: string; expected: Command }[] = [
  {
    name: "`weather in` then thousands of `?`: no place",
    input: fill("weather in ", "?", NEAR),
    expected: {
      kind: "invalid",
      command: "weather",
      reason: "Say where: `weather in <place>`, e.g. `weather in Berlin` (or just `weather` for your saved place).",
    },
  },
  {
    name: "a place then thousands of `?!`: the place",
    input: `${fill("weather in Paris", "?!", NEAR)}`,
    expected: { kind: "weather", place: "Paris" },
  },
  {
    name: "`weather`, thousands of spaces, then `in metric`",
    input: `weather${" ".repeat(NEAR)}in metric`,
    expected: { kind: "weather", units: "metric" },
  },
  {
    name: "`weather` then thousands of spaces and a `?`: the saved place",
    input: `weather${" ".repeat(NEAR)}?`,
    expected: { kind: "weather" },
  },
  {
    name: "`weather` then `in ` a thousand times: a place made of `in`s",
    input: `weather ${"in ".repeat(1290)}`,
    expected: { kind: "weather", place: "in ".repeat(1289).trimEnd() },
  },
  {
    name: "`weather` then `in ` a thousand times and `in imperial`",
    input: `weather ${"in ".repeat(1290)}in imperial`,
    expected: { kind: "weather", place: "in ".repeat(1289).trimEnd(), units: "imperial" },
  },
  {
    name: "`weather` then thousands of `--`: a place, no units",
    input: `weather ${"--".repeat(1940)}`,
    expected: { kind: "weather", place: "--".repeat(1940) },
  },
  {
    name: "`weather` then `-- ` a thousand times and `--metric`",
    input: `weather ${"-- ".repeat(1290)}--metric`,
    expected: { kind: "weather", place: "-- ".repeat(1290).trimEnd(), units: "metric" },
  },
  {
    name: "`location set` then `<a:` a thousand times: no link, the text as written",
    input: fill("location set ", "<a:", NEAR),
    expected: { kind: "location-set", place: fill("", "<a:", NEAR - 13) },
  },
  {
    name: "`location set` then `<a:|` a thousand times",
    input: fill("location set ", "<a:|", NEAR),
    expected: { kind: "location-set", place: fill("", "<a:|", NEAR - 13) },
  },
  {
    name: "a mention then thousands of spaces: nothing",
    input: `<@U0BOT0001>${" ".repeat(NEAR)}`,
    expected: { kind: "unknown", text: "" },
  },
  {
    name: "thousands of tabs and newlines between the words",
    input: `config${"\t\n".repeat(NEAR / 4)}set${"\t\n".repeat(NEAR / 4)}units metric`,
    expected: { kind: "config-set", key: "units", value: "metric" },
  },
  {
    name: "`alerts on at`, thousands of spaces, then a time",
    input: `alerts on at${" ".repeat(NEAR)}07:30`,
    expected: { kind: "alerts-on", time: "07:30" },
  },
];

describe("parseCommand on pathological text", () => {
  for (const { name, input, expected } of UNDER_THE_CAP) {
    it(`${name} (${input.length} characters)`, () => {
      assert.ok(input.length <= MAX_MESSAGE_LENGTH, `${input.length} characters is under the cap`);
      assert.deepEqual(parseCommand(input, { botUserId: "U0BOT0001" }), expected);
    });
  }

  // Slack allows 40,000 characters: over the cap, a message is answered `too-long` without being read.
  const OVER_THE_CAP: [string, string][] = [
    ["spaces", " ".repeat(SLACK_MAX)],
    ["`?`", "?".repeat(SLACK_MAX)],
    ["`weather in` then `?`", fill("weather in ", "?", SLACK_MAX)],
    ["`in `", fill("", "in ", SLACK_MAX)],
    ["`weather` then `in `", fill("weather ", "in ", SLACK_MAX)],
    ["`--`", fill("weather ", "--", SLACK_MAX)],
    ["`weather` then spaces then `in metric`", `weather${" ".repeat(SLACK_MAX - 16)}in metric`],
    ["`<a:`", fill("location set ", "<a:", SLACK_MAX)],
    ["a valid command padded with spaces", `help${" ".repeat(SLACK_MAX - 4)}`],
  ];
  for (const [name, input] of OVER_THE_CAP) {
    it(`40,000 characters of ${name} are too long, not read`, () => {
      assert.equal(input.length, SLACK_MAX);
      assert.deepEqual(parseCommand(input), { kind: "too-long", length: SLACK_MAX });
    });
  }

  it("reads a message of exactly the cap, and refuses one character more", () => {
    const place = "x".repeat(MAX_MESSAGE_LENGTH - "weather in ".length);
    assert.deepEqual(parseCommand(`weather in ${place}`), { kind: "weather", place });
    assert.deepEqual(parseCommand(`weather in ${place}y`), { kind: "too-long", length: MAX_MESSAGE_LENGTH + 1 });
  });
});

describe("decodeSlackText on pathological text", () => {
  it("leaves 40,000 characters of unclosed links as they are, and still decodes a link after them", () => {
    const junk = fill("", "<a:", 39_000);
    assert.equal(decodeSlackText(`${junk}<https://x.test|label>`), `${junk}label`);
    assert.equal(decodeSlackText(fill("", "<a:|", SLACK_MAX)), fill("", "<a:|", SLACK_MAX));
  });
});
