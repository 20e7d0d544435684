import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { checkBreaking, type Finding } from "../../src/breaking/check-breaking.ts";
import { FIXTURE_DOCUMENTS, type TempRepo, tempRepo } from "./temp-repo.ts";

const THINGS = "specs/openapi/things.yaml";
const THINGS_PROTO = "specs/proto/jeeves/v1/things.proto";

/** The parts of the fixture spec the cases edit. */
interface Spec {
  info: { version: string };
  components: { schemas: Record<string, { required: string[]; properties: Record<string, unknown> }> };
}

const removeColor = (repo: TempRepo) =>
  repo.editYaml<Spec>(THINGS, (doc) => {
    delete doc.components.schemas.Thing.properties.color;
  });
const version = (repo: TempRepo, to: string) =>
  repo.editYaml<Spec>(THINGS, (doc) => {
    doc.info.version = to;
  });

interface Case {
  name: string;
  /** The second commit. */
  change: (repo: TempRepo) => Promise<void>;
  /** Whether the gate passes (no breaking change that is not allowed). */
  passes: boolean;
  /** A finding that must be there: its document, type and a part of its change. */
  finding: { document: string; type: Finding["type"]; change: RegExp; allowed: boolean };
  verdict?: RegExp;
}

const cases: Case[] = [
  {
    name: "removing a response field fails",
    change: removeColor,
    passes: false,
    finding: {
      document: "things",
      type: "breaking",
      change: /GET \/things\/\{id\}: .*color.*Response 200/,
      allowed: false,
    },
    verdict: /keeps the major, and no line of CHANGELOG.md names things 1.0.0/,
  },
  {
    name: "adding a required request field fails",
    change: (repo) =>
      repo.editYaml<Spec>(THINGS, (doc) => {
        doc.components.schemas.ThingCreate.required.push("color");
      }),
    passes: false,
    finding: {
      document: "things",
      type: "breaking",
      change: /POST \/things: .*required.*color.*Request Body/,
      allowed: false,
    },
  },
  {
    name: "renumbering a proto field fails, against the document naming its message only",
    change: (repo) => repo.replace(THINGS_PROTO, "optional string color = 3;", "optional string color = 4;"),
    passes: false,
    finding: {
      document: "things",
      type: "breaking",
      change: /things\.proto: .*"color".*things uses jeeves\.v1\.Thing/,
      allowed: false,
    },
  },
  {
    name: "a new optional response field passes",
    change: async (repo) => {
      await repo.editYaml<Spec>(THINGS, (doc) => {
        doc.components.schemas.Thing.properties.weight = { type: "number" };
      });
      await repo.replace(
        THINGS_PROTO,
        "optional string color = 3;",
        "optional string color = 3;\n  optional double weight = 4;",
      );
    },
    passes: true,
    finding: { document: "things", type: "non-breaking", change: /GET \/things\/\{id\}: .*weight/, allowed: true },
  },
  {
    name: "a breaking change with the major raised and a changelog line passes",
    change: async (repo) => {
      await removeColor(repo);
      await version(repo, "2.0.0");
      await repo.write("CHANGELOG.md", "# Changes\n\n- things 2.0.0: breaking: removed Thing.color\n");
    },
    passes: true,
    finding: { document: "things", type: "breaking", change: /color/, allowed: true },
    verdict: /allowed: info.version 1.0.0 → 2.0.0 raises the major and CHANGELOG.md says "- things 2.0.0: breaking/,
  },
  {
    name: "a breaking change with the major raised but no changelog line fails",
    change: async (repo) => {
      await removeColor(repo);
      await version(repo, "2.0.0");
      await repo.write("CHANGELOG.md", "# Changes\n\n- health 2.0.0: a line for another document\n- things 1.1.0\n");
    },
    passes: false,
    finding: { document: "things", type: "breaking", change: /color/, allowed: false },
    verdict: /raises the major, and no line of CHANGELOG.md names things 2.0.0/,
  },
  {
    name: "a breaking change with a changelog line but only the minor raised fails",
    change: async (repo) => {
      await removeColor(repo);
      await version(repo, "1.1.0");
      await repo.write("CHANGELOG.md", "- things 1.1.0: breaking: removed Thing.color\n");
    },
    passes: false,
    finding: { document: "things", type: "breaking", change: /color/, allowed: false },
    verdict: /1.0.0 → 1.1.0 keeps the major$/,
  },
];

describe("breaking-change gate on a temporary git repository", () => {
  for (const c of cases) {
    it(c.name, async (t) => {
      const repo = await tempRepo(t);
      await c.change(repo);
      await repo.commit(c.name);
      const findings = await checkBreaking({ root: repo.root, documents: FIXTURE_DOCUMENTS });
      const shown = findings.map((f) => `${f.document} ${f.type} ${f.allowed}: ${f.change}`).join("\n");
      assert.equal(
        findings.every((f) => f.allowed),
        c.passes,
        shown,
      );
      const match = findings.find(
        (f) => f.document === c.finding.document && f.type === c.finding.type && c.finding.change.test(f.change),
      );
      assert.ok(match, `no ${c.finding.type} change matching ${c.finding.change} in\n${shown}`);
      assert.equal(match.allowed, c.finding.allowed);
      if (c.verdict) assert.match(match.verdict ?? "", c.verdict);
      assert.deepEqual(
        findings.filter((f) => f.document === "health"),
        [],
        "the other document has no change",
      );
    });
  }

  it("compares with the merge base of main, not only the previous commit", async (t) => {
    const repo = await tempRepo(t);
    await repo.git("checkout", "-q", "-b", "feature");
    await removeColor(repo);
    await repo.commit("breaking");
    await repo.write("README.md", "unrelated\n");
    await repo.commit("unrelated");
    const findings = await checkBreaking({ root: repo.root, documents: FIXTURE_DOCUMENTS });
    assert.ok(findings.some((f) => !f.allowed && /color/.test(f.change)));
    const previousOnly = await checkBreaking({ root: repo.root, documents: FIXTURE_DOCUMENTS, base: "HEAD~1" });
    assert.deepEqual(previousOnly, []);
  });

  it("a document that did not exist at the base is new: nothing to compare", async (t) => {
    const repo = await tempRepo(t);
    await repo.write("specs/openapi/extra.yaml", "openapi: 3.0.3\ninfo: { title: Extra, version: 0.1.0 }\npaths: {}\n");
    await repo.commit("new document");
    const documents = [
      ...FIXTURE_DOCUMENTS,
      { name: "extra", kind: "openapi" as const, path: "specs/openapi/extra.yaml" },
    ];
    const findings = await checkBreaking({ root: repo.root, documents });
    assert.deepEqual(
      findings.map((f) => [f.document, f.type, f.allowed]),
      [["extra", "annotation", true]],
    );
    assert.match(findings[0].change, /is new/);
  });
});
