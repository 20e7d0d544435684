import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { describeCommand } from "../../src/domain/describe-command.ts";
import { parseCommand } from "../../src/domain/parse-command.ts";

describe("describeCommand", () => {
  it("names the command and its key, never the value of config set", () => {
    assert.equal(
      describeCommand(parseCommand("config set api_token xoxb-1234-SECRET")),
      "config-set key=api_token value=<redacted>",
    );
  });

  it("describes each kind in one line", () => {
    const table: [string, string][] = [
      ["help", "help"],
      ["config get Units", "config-get key=units"],
      ["config unset units", "config-unset key=units"],
      ["config show", "config-show"],
      ["location set Berlin", "location-set"],
      ["location", "location-get"],
      ["weather", "weather place=saved units=default"],
      ["weather in Berlin --imperial", "weather place=given units=imperial"],
      ["alerts on 7:30", "alerts-on time=07:30"],
      ["alerts on", "alerts-on time=default"],
      ["alerts off", "alerts-off"],
      ["alerts on 25:00", "invalid command=alerts-on"],
      ["hello there", "unknown length=11"],
      [`config set password ${"s".repeat(5000)}`, "too-long length=5020"],
    ];
    for (const [input, expected] of table) assert.equal(describeCommand(parseCommand(input)), expected, input);
  });

  it("never holds what was written after the command words (property)", () => {
    const secret = fc.stringMatching(/^[A-Za-z0-9+/=_-]{8,40}$/).map((s) => `S3CR3T${s}`);
    const key = fc.stringMatching(/^[a-z][a-z0-9_.-]{0,20}$/);
    const template = fc.constantFrom(
      (k: string, s: string) => `config set ${k} ${s}`,
      (k: string, s: string) => `config set ${k} two words ${s}`,
      (k: string, s: string) => `config set ${k}=${s}`,
      (k: string, s: string) => `config sett ${k} ${s}`,
      (_: string, s: string) => `location set ${s}`,
      (_: string, s: string) => `weather in ${s}`,
      (_: string, s: string) => `alerts on ${s}`,
      (_: string, s: string) => s,
    );
    fc.assert(
      fc.property(key, secret, template, (k, s, write) => {
        const line = describeCommand(parseCommand(write(k, s)));
        return !line.includes(s) && !line.includes("S3CR3T");
      }),
      { numRuns: 500 },
    );
  });
});
