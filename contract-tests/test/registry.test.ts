import assert from "node:assert/strict";
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, test } from "node:test";
import { SERVICE_MANIFESTS } from "@jeeves/manifest";
import { DOCUMENTS, EXTERNAL, EXTERNAL_DIR, PROVIDERS, ROOT } from "../src/registry.ts";

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

  test("verifies each service of the manifest as a provider: its spec, workspace and Dredd provider module", async () => {
    assert.deepEqual(
      PROVIDERS.map((p) => p.name),
      SERVICE_MANIFESTS.map((service) => service.name),
    );
    for (const provider of PROVIDERS) {
      assert.ok(existsSync(join(ROOT, provider.spec)), provider.spec);
      assert.equal(provider.workspace, `@jeeves/${provider.name}`);
      assert.equal(typeof (await provider.dredd?.())?.startProvider, "function", `${provider.name}'s Dredd provider`);
      assert.ok(DOCUMENTS.some((d) => d.name === provider.name && d.path === provider.spec && !d.external));
    }
  });

  test("gives every document its own name (the gates, exceptions and mocks find documents by name)", () => {
    const names = DOCUMENTS.map((d) => d.name);
    assert.deepEqual([...new Set(names)], names);
  });
});
