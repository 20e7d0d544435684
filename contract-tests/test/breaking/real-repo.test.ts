import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { checkBreaking } from "../../src/breaking/check-breaking.ts";
import { DOCUMENTS } from "../../src/registry.ts";

describe("breaking-change gate on this repository", () => {
  it("every document has a released snapshot, and the working tree breaks none without a new major", async () => {
    const lines: string[] = [];
    const findings = await checkBreaking({ onProgress: (line) => lines.push(line) });
    const refused = findings.filter((f) => !f.allowed).map((f) => `${f.document}: ${f.change} (${f.verdict})`);
    assert.deepEqual(refused, []);
    for (const document of DOCUMENTS) {
      assert.ok(
        lines.some((line) => line.startsWith(`breaking: ${document.name}:`) && !line.endsWith("never released")),
        `${document.name} was compared with its release (npm run release:specs writes specs/released/${document.name}/)`,
      );
    }
  });
});
