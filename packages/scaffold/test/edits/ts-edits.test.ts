import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { AnchorError } from "../../src/edits/anchor-error.ts";
import {
  addImport,
  addProperty,
  appendElement,
  asArray,
  asObject,
  callArgument,
  insertStatementBefore,
  parseTs,
  stringElements,
  usesIdentifier,
  variableStatement,
  variableValue,
} from "../../src/edits/ts-edits.ts";

const SOURCE = `import { a } from "@jeeves/actions";
import { w } from "@jeeves/weather";

export const LIST = ["x", "y"] as const;
export const TRAILING = [
  "x",
] as const;
export const EMPTY: string[] = [];
const PORTS = { x: 1, y: 2 };

export function setUp() {
  const config = readConfig({ X_PORT: 1, Y_PORT: 2, MOCK_PORT: 3 });
  const apps = { x, y };
  return apps;
}
`;

/** Asserts `run` throws an AnchorError whose message matches `message`. */
function refused(run: () => unknown, message: RegExp) {
  assert.throws(run, (error: unknown) => error instanceof AnchorError && message.test(error.message));
}

describe("anchored TypeScript edits", () => {
  const file = parseTs("src/x.ts", SOURCE);

  it("appends to an array literal under `as const`, with or without a trailing comma, or empty", () => {
    const list = appendElement(file, asArray(file, variableValue(file, "LIST"), "LIST"), '"z"', "LIST");
    assert.match(list, /\["x", "y", "z"\] as const/);
    const trailing = appendElement(file, asArray(file, variableValue(file, "TRAILING"), "TRAILING"), '"z"', "TRAILING");
    assert.match(trailing, /"x", "z",\n\] as const/);
    const empty = appendElement(file, asArray(file, variableValue(file, "EMPTY"), "EMPTY"), '"z"', "EMPTY");
    assert.match(empty, /= \["z"\];/);
    assert.deepEqual(
      stringElements(asArray(parseTs("a.ts", list), variableValue(parseTs("a.ts", list), "LIST"), "LIST")),
      ["x", "y", "z"],
    );
  });

  it("refuses an element or a property that is there already", () => {
    refused(
      () => appendElement(file, asArray(file, variableValue(file, "LIST"), "LIST"), '"y"', "LIST"),
      /LIST already holds "y"/,
    );
    refused(
      () => addProperty(file, asObject(file, variableValue(file, "PORTS"), "PORTS"), "y", "y: 3", "PORTS"),
      /PORTS already has y/,
    );
  });

  it("adds a property after a named one, or after the last", () => {
    const settings = asObject(file, callArgument(file, "readConfig", { within: "setUp" }), "readConfig");
    assert.match(
      addProperty(file, settings, "Z_PORT", "Z_PORT: 9", "readConfig", "Y_PORT"),
      /Y_PORT: 2, Z_PORT: 9, MOCK_PORT/,
    );
    refused(
      () => addProperty(file, settings, "Z_PORT", "Z_PORT: 9", "readConfig", "W_PORT"),
      /readConfig has no W_PORT/,
    );
    const apps = asObject(file, variableValue(file, "apps", { within: "setUp" }), "apps");
    assert.match(addProperty(file, apps, "z", "z", "apps"), /\{ x, y, z \}/);
  });

  it("fails naming the file and the declaration when an anchor is missing", () => {
    refused(() => variableValue(file, "SERVICES"), /^src\/x\.ts: no `const SERVICES = …`$/);
    refused(() => variableValue(file, "apps", { within: "launchSuite" }), /^src\/x\.ts: no function launchSuite$/);
    refused(() => callArgument(file, "readLayout"), /no call readLayout\(…\)/);
    refused(() => asArray(file, variableValue(file, "PORTS"), "PORTS"), /PORTS is not an array literal/);
    refused(() => asObject(file, variableValue(file, "LIST"), "LIST"), /LIST is not an object literal/);
  });

  it("inserts a statement before another, at its indentation", () => {
    const text = insertStatementBefore(file, variableStatement(file, "apps", { within: "setUp" }), "const z = 1;");
    assert.match(text, /\n {2}const z = 1;\n {2}const apps = \{ x, y \};/);
  });

  it("adds an import among the @jeeves ones in alphabetical order, once", () => {
    const middle = addImport(file, "@jeeves/bus", 'import { b } from "@jeeves/bus";');
    assert.match(middle, /"@jeeves\/actions";\nimport \{ b \} from "@jeeves\/bus";\nimport \{ w \}/);
    const last = addImport(file, "@jeeves/zoo", 'import { z } from "@jeeves/zoo";');
    assert.match(last, /"@jeeves\/weather";\nimport \{ z \} from "@jeeves\/zoo";\n/);
    refused(() => addImport(file, "@jeeves/weather", ""), /already imports @jeeves\/weather/);
    refused(
      () => addImport(parseTs("b.ts", "const a = 1;"), "@jeeves/x", ""),
      /imports nothing like @jeeves\/x to put the import beside/,
    );
  });

  it("sees the identifiers a file uses", () => {
    assert.equal(usesIdentifier(file, "apps"), true);
    assert.equal(usesIdentifier(file, "greeter"), false);
  });
});
