import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { parseCommand } from "../../src/domain/parse-command.ts";

/** Place names: capitalised words (some starting with "In" or "For"), joined by spaces, "-" or ", ". */
const word = fc
  .tuple(fc.constantFrom("", "In", "in", "For", "for", "Saint", "New"), fc.stringMatching(/^[a-zà-ÿ]{1,8}$/))
  .map(([start, tail]) => (start + tail).replace(/^./, (c) => c.toUpperCase()));
const place = fc
  .array(fc.tuple(word, fc.constantFrom(" ", "-", ", ", "  ")), { minLength: 1, maxLength: 4 })
  .map((parts) => parts.map(([w, sep], i) => (i === parts.length - 1 ? w : w + sep)).join(""));

describe("parseCommand (properties)", () => {
  it("never throws and always answers a known kind; invalid always has a reason", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 80 }), (text) => {
        const command = parseCommand(text, { botUserId: "U0BOT0001" });
        if (command.kind === "invalid") assert.ok(command.reason.length > 0);
        return typeof command.kind === "string";
      }),
      { numRuns: 2000 },
    );
  });

  it("keeps any place whole, after `weather in`, `weather for`, `location set`, in any case of the command", () => {
    fc.assert(
      fc.property(place, fc.constantFrom("weather in", "WEATHER   For", "Weather"), (p, prefix) => {
        if (prefix === "Weather" && /^(in|for)$/i.test(p.split(/[\s,-]/)[0])) return true;
        assert.deepEqual(parseCommand(`${prefix} ${p}`), { kind: "weather", place: p });
        assert.deepEqual(parseCommand(`<@U0BOT0001> jeeves, location set ${p}`), { kind: "location-set", place: p });
        return true;
      }),
      { numRuns: 1000 },
    );
  });

  it("keeps the config value as written, whatever the case and spacing of the command words", () => {
    const value = fc.stringMatching(/^[^\s<>&][^<>&]{0,30}[^\s<>&]$/);
    fc.assert(
      fc.property(value, fc.constantFrom("config set", "CONFIG SET", "Config   Set"), (v, prefix) => {
        assert.deepEqual(parseCommand(`${prefix} Greeting ${v}`), { kind: "config-set", key: "greeting", value: v });
      }),
      { numRuns: 1000 },
    );
  });
});
