import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { relative } from "node:path";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { ASYNCAPI_EXAMPLE_RULE, checkAsyncApiExamples } from "../../src/lint/asyncapi-examples.ts";
import { applyExceptions } from "../../src/lint/exceptions.ts";
import { runLint } from "../../src/lint/run-lint.ts";
import { type ContractDocument, DOCUMENTS, ROOT } from "../../src/registry.ts";

const fixture = (name: string) => fileURLToPath(new URL(`fixtures/${name}`, import.meta.url));
const BUS = DOCUMENTS.find((d) => d.kind === "asyncapi" && d.name === "bus")!;

describe("AsyncAPI examples checked against their schemas (ajv)", () => {
  it("a bad example fails the lint gate, with the file, JSON path, line and ajv's message", async () => {
    const path = fixture("asyncapi-invalid-example.yaml");
    const document: ContractDocument = { name: "bad-bus", kind: "asyncapi", path };
    const lines: string[] = [];
    const [result] = await runLint([document], { onProgress: (line) => lines.push(line) });
    const verdict = applyExceptions([result], []);
    assert.equal(verdict.errors.length, 4, "the lint gate fails");
    const payload = verdict.errors.find(
      (e) => e.problem.pointer === "#/components/messages/ThingChanged/examples/0/payload",
    )?.problem;
    assert.deepEqual(payload, {
      rule: ASYNCAPI_EXAMPLE_RULE,
      severity: "error",
      message:
        'Example does not fit its schema #/components/messages/ThingChanged/payload: example/at must match format "date-time"; ' +
        'example/tags/0 must be equal to one of the allowed values ("red", "blue")',
      pointer: "#/components/messages/ThingChanged/examples/0/payload",
      file: relative(ROOT, path),
      line: 43,
      col: 20,
    });
    assert.ok(lines.includes("lint: bad-bus: 5 AsyncAPI example(s) checked with ajv, 4 invalid"), lines.join("\n"));
  });

  it("the same document with fitting examples passes", () => {
    const path = fixture("asyncapi-valid.yaml");
    const { checked, problems } = checkAsyncApiExamples(readFileSync(path, "utf8"), path);
    assert.equal(checked.length, 5);
    assert.deepEqual(problems, []);
  });

  it("an example whose schema names nothing is an error, not a pass", () => {
    const text = [
      "asyncapi: 3.0.0",
      "info: { title: t, version: 1.0.0 }",
      "components:",
      "  schemas:",
      "    A: { $ref: '#/components/schemas/Missing', example: 1 }",
      "    B: { type: object, properties: { a: { $ref: '#/components/schemas/Missing' } }, example: { a: 1 } }",
    ].join("\n");
    const { problems } = checkAsyncApiExamples(text, "t.yaml");
    assert.deepEqual(
      problems.map((p) => p.pointer),
      ["#/components/schemas/B/example"],
    );
    assert.match(
      problems[0].message,
      /^Example cannot be checked: its schema #\/components\/schemas\/B does not compile: .*Missing/,
    );
  });

  it("this repository's bus contract has examples, and every one fits its schema", () => {
    const { checked, problems } = checkAsyncApiExamples(readFileSync(`${ROOT}${BUS.path}`, "utf8"), BUS.path);
    assert.deepEqual(
      checked.map((e) => e.path.join(".")),
      ["components.schemas.ChatMessage.example", "components.schemas.Reply.example"],
    );
    assert.deepEqual(problems, []);
  });
});
