import assert from "node:assert/strict";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import { parse, stringify } from "yaml";
import { checkConsistency, consistencyScope, EXTERNAL_SKIP_REASON } from "../../src/consistency/check-consistency.ts";
import { contractSchemas } from "../../src/consistency/contract-schemas.ts";
import { runConsistencyCli } from "../../src/consistency/run-cli.ts";
import { type ContractDocument, DOCUMENTS, EXTERNAL, ROOT } from "../../src/registry.ts";
import { applyPatch, type Patch } from "./patch.ts";

const FIXTURES = fileURLToPath(new URL("fixtures/", import.meta.url));
const PROTO = join(FIXTURES, "proto");

/** The fixture documents, registered as the registry registers documents. */
const FIXTURE_DOCUMENTS = {
  shop: { name: "shop", kind: "openapi", path: "shop.openapi.yaml" },
  events: { name: "events", kind: "asyncapi", path: "events.asyncapi.yaml" },
} satisfies Record<string, ContractDocument>;

interface Case {
  name: string;
  document: keyof typeof FIXTURE_DOCUMENTS;
  patch?: Patch[];
  expected: string[];
}

const cases = parse(await readFile(join(FIXTURES, "cases.yaml"), "utf8")) as Case[];

function caseNamed(name: string): Case {
  const found = cases.find((c) => c.name === name);
  if (!found) throw new Error(`no case ${name} in cases.yaml`);
  return found;
}

/**
 * Copies every fixture document into a fresh folder (removed after the test), the patches of `patched`
 * applied to their documents, and answers the folder: the `root` to check them in.
 */
async function fixtureRoot(t: { after(fn: () => Promise<void>): void }, ...patched: Case[]): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "consistency-"));
  t.after(() => rm(dir, { recursive: true, force: true }));
  for (const [key, entry] of Object.entries(FIXTURE_DOCUMENTS)) {
    const document = parse(await readFile(join(FIXTURES, entry.path), "utf8"));
    for (const c of patched.filter((p) => p.document === key)) {
      for (const patch of c.patch ?? []) applyPatch(document, patch);
    }
    await writeFile(join(dir, entry.path), stringify(document));
  }
  return dir;
}

describe("OpenAPI ↔ protobuf consistency", () => {
  test("the repository's registered documents agree with specs/proto", async () => {
    assert.deepEqual(await checkConsistency(), []);
  });

  test("by default it checks every document of the registry", async () => {
    assert.deepEqual(await checkConsistency(), await checkConsistency(DOCUMENTS));
  });

  for (const c of cases) {
    test(`${c.document}: ${c.name}`, async (t) => {
      const root = await fixtureRoot(t, c);
      const differences = await checkConsistency([FIXTURE_DOCUMENTS[c.document]], { root, protoDir: PROTO });
      assert.deepEqual([...differences].sort(), [...c.expected].sort());
    });
  }

  test("an AsyncAPI document joins by its registration alone, beside an OpenAPI one", async (t) => {
    const broken = caseNamed("an inline AsyncAPI payload whose field type differs");
    const root = await fixtureRoot(t, broken);
    const registry: ContractDocument[] = [FIXTURE_DOCUMENTS.shop, FIXTURE_DOCUMENTS.events];
    assert.deepEqual(await checkConsistency(registry, { root, protoDir: PROTO }), broken.expected);
    assert.deepEqual(await checkConsistency([FIXTURE_DOCUMENTS.shop], { root, protoDir: PROTO }), []);
  });

  test("skips a document registered as external, whatever its schemas say", async (t) => {
    const broken = caseNamed("optionality that differs, both ways");
    const root = await fixtureRoot(t, broken);
    const external: ContractDocument = { ...FIXTURE_DOCUMENTS.shop, external: true };
    assert.deepEqual(await checkConsistency([external], { root, protoDir: PROTO }), []);
    assert.deepEqual(await checkConsistency([FIXTURE_DOCUMENTS.shop], { root, protoDir: PROTO }), broken.expected);
  });

  test("the registry's external documents name no protobuf message (skipping them loses nothing)", async () => {
    const { skipped } = consistencyScope();
    assert.deepEqual(
      skipped.map((d) => d.name),
      EXTERNAL.map((d) => d.name),
    );
    for (const entry of skipped) {
      const document = parse(await readFile(join(ROOT, entry.path), "utf8"));
      assert.deepEqual(contractSchemas({ name: entry.name, kind: entry.kind, document }).schemas, [], entry.name);
    }
  });

  test("a folder without .proto files is an error, not a pass", async (t) => {
    const empty = await mkdtemp(join(tmpdir(), "consistency-"));
    t.after(() => rm(empty, { recursive: true, force: true }));
    await assert.rejects(
      checkConsistency([FIXTURE_DOCUMENTS.shop], { root: FIXTURES, protoDir: empty }),
      /no \.proto files/,
    );
  });
});

describe("the consistency command", () => {
  const run = async (options: { root: string; protoDir: string }) => {
    const lines: string[] = [];
    const code = await runConsistencyCli([FIXTURE_DOCUMENTS.shop], options, (line) => lines.push(line));
    return { code, lines };
  };

  test("prints a summary only and exits 0 when consistent", async () => {
    assert.deepEqual(await run({ root: FIXTURES, protoDir: PROTO }), {
      code: 0,
      lines: ["OpenAPI/AsyncAPI ↔ protobuf: consistent"],
    });
  });

  test("prints each difference on its own line and exits 1", async (t) => {
    const c = caseNamed("optionality that differs, both ways");
    assert.deepEqual(await run({ root: await fixtureRoot(t, c), protoDir: PROTO }), {
      code: 1,
      lines: [...c.expected, "OpenAPI/AsyncAPI ↔ protobuf: 2 difference(s)"],
    });
  });

  test("says which documents it skips, and why", async () => {
    const lines: string[] = [];
    const external: ContractDocument = { ...FIXTURE_DOCUMENTS.shop, name: "outside", external: true };
    const code = await runConsistencyCli(
      [FIXTURE_DOCUMENTS.shop, external],
      { root: FIXTURES, protoDir: PROTO },
      (line) => lines.push(line),
    );
    assert.deepEqual(
      { code, lines },
      {
        code: 0,
        lines: [`skipped outside: ${EXTERNAL_SKIP_REASON}`, "OpenAPI/AsyncAPI ↔ protobuf: consistent"],
      },
    );
  });

  test("exits 1 with the reason when the check cannot run", async () => {
    const { code, lines } = await run({ root: FIXTURES, protoDir: join(FIXTURES, "missing") });
    assert.equal(code, 1);
    assert.match(lines[0], /^consistency check failed: /);
  });
});
