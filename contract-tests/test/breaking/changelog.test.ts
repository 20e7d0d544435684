import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { changelogLine, majorOf } from "../../src/breaking/changelog.ts";

describe("changelog lines and versions", () => {
  const changelog = [
    "# Changes",
    "- dataservice 2.0.0: breaking: removed User.location",
    "- mydataservice 3.0.0: another service",
    "- tokendealer 12.0.0: far future",
    "- Tokendealer v4.0.0.",
  ].join("\n");
  const cases: Array<[document: string, version: string, found: boolean]> = [
    ["dataservice", "2.0.0", true],
    ["dataservice", "3.0.0", false], // only mydataservice names 3.0.0
    ["tokendealer", "2.0.0", false], // 12.0.0 is not 2.0.0
    ["tokendealer", "12.0.0", true],
    ["tokendealer", "4.0.0", true], // case-insensitive name, v prefix, sentence end
    ["weather", "2.0.0", false],
  ];
  for (const [document, version, found] of cases) {
    it(`${found ? "finds" : "finds no"} a line for ${document} ${version}`, () => {
      assert.equal(changelogLine(changelog, document, version) !== undefined, found);
    });
  }

  it("reads the major of a version", () => {
    assert.deepEqual(["1.0.0", "2.3.4", "v3", "10.0.0-beta.1", "next", undefined].map(majorOf), [
      1,
      2,
      3,
      10,
      undefined,
      undefined,
    ]);
  });
});
