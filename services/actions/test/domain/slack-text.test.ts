import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { stripAddress } from "../../src/domain/address.ts";
import { decodeSlackText } from "../../src/domain/slack-text.ts";

describe("decodeSlackText", () => {
  it("turns links into their label, or their URL, and decodes the three entities once", () => {
    const table: [string, string][] = [
      ["<https://example.com|example.com>", "example.com"],
      ["see <https://example.com/a?b=1&amp;c=2>", "see https://example.com/a?b=1&c=2"],
      ["<mailto:bob@example.com|Bob &amp; Co>", "Bob & Co"],
      ["a &lt;b&gt; &amp;amp; c", "a <b> &amp; c"],
      ["&lt;https://example.com|x&gt;", "<https://example.com|x>"],
      ["<@U123> and <#C123|general>", "<@U123> and <#C123|general>"],
      ["&quot; &nbsp;", "&quot; &nbsp;"],
    ];
    for (const [input, expected] of table) assert.equal(decodeSlackText(input), expected, input);
  });
});

describe("stripAddress", () => {
  it("removes prefixes, never characters", () => {
    assert.equal(stripAddress("jeeves, jeepers"), "jeepers");
    assert.equal(stripAddress("<@U0BOT0001> <@U0BOT0001> hi", "U0BOT0001"), "<@U0BOT0001> hi");
    assert.equal(stripAddress("jeevesweather"), "jeevesweather");
    assert.equal(stripAddress("<@U1.2> help", "U1.2"), "help");
    assert.equal(stripAddress("<@U1x2> help", "U1.2"), "<@U1x2> help");
  });
});
