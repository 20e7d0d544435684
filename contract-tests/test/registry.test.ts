import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, test } from "node:test";
import { DOCUMENTS, EXTERNAL, EXTERNAL_DIR, ROOT } from "../src/registry.ts";

describe("the registry of contract documents", () => {
  test("registers every file of specs/openapi/external as an external document, and only those", () => {
    const files = readdirSync(join(ROOT, EXTERNAL_DIR))
      .filter((file) => file.endsWith(".yaml"))
      .map((file) => `${EXTERNAL_DIR}/${file}`)
      .sort();
    const external = DOCUMENTS.filter((d) => d.external);
    assert.deepEqual(external.map((d) => d.path).sort(), files);
    assert.deepEqual(external, EXTERNAL);
    const elsewhere = DOCUMENTS.filter((d) => !d.external && d.path.startsWith(`${EXTERNAL_DIR}/`));
    assert.deepEqual(elsewhere, [], "a document under specs/openapi/external is registered as external");
  });

  test("gives every document its own name (the gates, exceptions and mocks find documents by name)", () => {
    const names = DOCUMENTS.map((d) => d.name);
    assert.deepEqual([...new Set(names)], names);
  });
});
