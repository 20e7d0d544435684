import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { encodeSlackText } from "../../src/domain/slack-text.ts";

describe("encodeSlackText", () => {
  it("escapes &, < and > so that nothing reads as a link, a mention or an entity, and keeps mrkdwn", () => {
    const table: [string, string][] = [
      ["`config set <key> <value>`", "`config set &lt;key&gt; &lt;value&gt;`"],
      ["Bob & Co", "Bob &amp; Co"],
      ["&amp;", "&amp;amp;"],
      ["<@U0BOT0001> <!channel>", "&lt;@U0BOT0001&gt; &lt;!channel&gt;"],
      ["Fish & Chips <Bay> >", "Fish &amp; Chips &lt;Bay&gt; &gt;"],
      ["• *units*: metric", "• *units*: metric"],
      ["", ""],
    ];
    for (const [input, expected] of table) assert.equal(encodeSlackText(input), expected, input);
  });
});
