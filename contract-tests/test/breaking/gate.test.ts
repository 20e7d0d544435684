import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
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

  /** The gate's findings that are not allowed, as `document: change`. */
  const refusedIn = async (root: string) =>
    (await checkBreaking({ root, documents: FIXTURE_DOCUMENTS }))
      .filter((f) => !f.allowed)
      .map((f) => `${f.document}: ${f.change}`);
  const removedColor = /^things: GET \/things\/\{id\}: .*color.*Response 200/;

  it("a removed response field still fails after another commit, a fast-forward merge and in a shallow clone", async (t) => {
    const repo = await tempRepo(t);
    await repo.git("checkout", "-q", "-b", "feature");
    await removeColor(repo);
    await repo.commit("breaking");
    await repo.write("README.md", "unrelated\n");
    await repo.commit("unrelated");
    const onFeature = await refusedIn(repo.root);
    assert.ok(
      onFeature.some((line) => removedColor.test(line)),
      onFeature.join("\n"),
    );
    assert.ok(
      onFeature.every((line) => /^things: .*color/.test(line)),
      onFeature.join("\n"),
    );

    await repo.git("checkout", "-q", "main");
    await repo.git("merge", "-q", "--ff-only", "feature");
    await repo.write("README.md", "another unrelated change\n");
    await repo.commit("after the merge");
    assert.deepEqual(await refusedIn(repo.root), onFeature);

    const clone = await mkdtemp(join(tmpdir(), "jeeves-breaking-clone-"));
    t.after(() => rm(clone, { recursive: true, force: true }));
    await repo.git("clone", "-q", "--depth", "1", `file://${repo.root}`, clone);
    assert.deepEqual(await refusedIn(clone), onFeature);
  });

  it("a version below the released one fails", async (t) => {
    const repo = await tempRepo(t);
    await version(repo, "0.9.0");
    await repo.commit("lowered");
    assert.deepEqual(await refusedIn(repo.root), [
      "things: info.version 0.9.0 is below the released 1.0.0 (specs/released/things/1.0.0.yaml)",
    ]);
  });

  it("once released, the new version is the baseline: a later break needs the next major", async (t) => {
    const repo = await tempRepo(t);
    await removeColor(repo);
    await version(repo, "2.0.0");
    await repo.write("CHANGELOG.md", "- things 2.0.0: breaking: removed Thing.color\n");
    assert.deepEqual(await refusedIn(repo.root), []);
    assert.deepEqual(await repo.release(), ["specs/released/things/2.0.0.yaml"]);
    assert.deepEqual(await repo.release(), [], "a released version is written once");
    await repo.commit("release things 2.0.0");
    assert.deepEqual(await refusedIn(repo.root), []);

    await repo.editYaml<Spec>(THINGS, (doc) => {
      delete doc.components.schemas.Thing.properties.name;
    });
    await repo.commit("a second break under 2.0.0");
    const refused = await refusedIn(repo.root);
    assert.ok(refused.length > 0 && refused.every((line) => /^things: .*name/.test(line)), refused.join("\n"));
    const findings = await checkBreaking({ root: repo.root, documents: FIXTURE_DOCUMENTS });
    assert.match(findings.find((f) => !f.allowed)?.verdict ?? "", /2\.0\.0 → 2\.0\.0 keeps the major/);
  });

  it("a document that was never released has nothing to compare with", async (t) => {
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
    assert.match(findings[0].change, /was never released/);
  });
});
