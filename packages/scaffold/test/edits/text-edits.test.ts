import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { AnchorError } from "../../src/edits/anchor-error.ts";
import { addDependency, addTableRow, appendLine, appendYamlKey, tableCells } from "../../src/edits/text-edits.ts";

const DOC = ["# t", "", "| service | port |", "|---|---|", "| a | 1 |", "| b | 2 |", "| mock | 9 |", "", "after"].join(
  "\n",
);

/** Asserts `run` throws an AnchorError whose message matches `message`. */
function refused(run: () => unknown, message: RegExp) {
  assert.throws(run, (error: unknown) => error instanceof AnchorError && message.test(error.message));
}

describe("Markdown tables", () => {
  it("reads a row's cells", () => {
    assert.deepEqual(tableCells("| a | `b` | c d |"), ["a", "`b`", "c d"]);
  });

  it("adds a row after the last one a predicate accepts, or at the end of the table", () => {
    const known = ["a", "b"];
    const after = addTableRow("x.md", DOC, "| service |", "| c | 3 |", (cells) => known.includes(cells[0]));
    assert.deepEqual(after.split("\n").slice(4, 8), ["| a | 1 |", "| b | 2 |", "| c | 3 |", "| mock | 9 |"]);
    const last = addTableRow("x.md", DOC, "| service |", "| c | 3 |");
    assert.deepEqual(last.split("\n").slice(6, 9), ["| mock | 9 |", "| c | 3 |", ""]);
  });

  it("fails naming the file and the table when the table is missing, or the row is there", () => {
    refused(
      () => addTableRow("docs/x.md", DOC, "| scope |", "| c | 3 |"),
      /^docs\/x\.md: no table with the header \| scope \|$/,
    );
    refused(() => addTableRow("x.md", DOC, "| service |", "| b | 7 |"), /already has a row b/);
  });
});

describe("lines, YAML keys and dependencies", () => {
  it("appends a line, keeping the final newline, once", () => {
    assert.equal(appendLine("c.md", "a\n", "b"), "a\nb\n");
    assert.equal(appendLine("c.md", "a", "b"), "a\nb\n");
    refused(() => appendLine("c.md", "a\nb\n", "b"), /already has the line b/);
  });

  it("appends a top-level YAML key once", () => {
    assert.equal(appendYamlKey("s.yaml", "weather: {}\n", "greeter", "{}"), "weather: {}\ngreeter: {}\n");
    refused(() => appendYamlKey("s.yaml", "greeter: {}\n", "greeter", "{}"), /already has the key greeter/);
  });

  it("adds a dependency to package.json, refusing one listed in either group", () => {
    const manifest = `${JSON.stringify({ name: "x", dependencies: { a: "1" }, devDependencies: { b: "1" } }, null, 2)}\n`;
    const added = JSON.parse(addDependency("p.json", manifest, "dependencies", "@jeeves/c", "0.1.0"));
    assert.deepEqual(added.dependencies, { a: "1", "@jeeves/c": "0.1.0" });
    refused(() => addDependency("p.json", manifest, "dependencies", "b", "1"), /devDependencies already lists b/);
  });
});
