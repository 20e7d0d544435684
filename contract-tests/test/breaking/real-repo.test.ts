import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { checkBreaking } from "../../src/breaking/check-breaking.ts";
import { commitOf } from "../../src/breaking/git.ts";
import { DOCUMENTS, ROOT } from "../../src/registry.ts";

describe("breaking-change gate on this repository", () => {
  it("HEAD (working tree) against its previous commit has no breaking change that is not allowed", async (t) => {
    if (!(await commitOf(ROOT, "HEAD~1"))) {
      // A shallow clone or an export: CI must have the history, elsewhere say why nothing ran.
      assert.notEqual(process.env.CI, "true", "CI needs the previous commit: clone with history");
      t.skip("no previous commit (shallow clone): nothing to compare");
      return;
    }
    const lines: string[] = [];
    const findings = await checkBreaking({ base: "HEAD~1", onProgress: (line) => lines.push(line) });
    const refused = findings.filter((f) => !f.allowed).map((f) => `${f.document}: ${f.change} (${f.verdict})`);
    assert.deepEqual(refused, []);
    for (const document of DOCUMENTS) {
      assert.ok(
        lines.some((line) => line.startsWith(`breaking: ${document.name}:`)),
        `${document.name} was compared`,
      );
    }
  });
});
