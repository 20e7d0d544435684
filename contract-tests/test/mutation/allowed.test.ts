import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { generate } from "@jeeves/codegen";
import { checkBreaking } from "../../src/breaking/check-breaking.ts";
import { DOCUMENTS } from "../../src/registry.ts";
import { type TempRoot, tempCopy } from "../temp-root.ts";
import { runSpecGates } from "./spec-gates.ts";

const DATASERVICE = "specs/openapi/dataservice.yaml";
const DATASERVICE_PROTO = "specs/proto/jeeves/v1/dataservice.proto";
const USER = ["components", "schemas", "User"];
const dataservice = DOCUMENTS.filter((d) => d.name === "dataservice");

/** Sets the dataservice's `info.version`. */
const version = (copy: TempRoot, to: string) =>
  copy.editDocument(DATASERVICE, (doc) => {
    doc.setIn(["info", "version"], to);
  });

/** Raises the dataservice's minor version above the current one (2.2.0 → 2.3.0), as a new optional property asks. */
const raiseMinor = (copy: TempRoot) =>
  copy.editDocument(DATASERVICE, (doc) => {
    const [major, minor] = String(doc.getIn(["info", "version"]))
      .split(".")
      .map(Number);
    doc.setIn(["info", "version"], `${major}.${minor + 1}.0`);
  });

/** Adds a line to the copy's CHANGELOG.md. */
const changelog = async (copy: TempRoot, line: string) =>
  copy.write("CHANGELOG.md", `${(await copy.read("CHANGELOG.md")).trimEnd()}\n${line}\n`);

/** An allowed change of a real spec, made as docs/releasing-a-spec.md says, and what the gate must see. */
interface AllowedCase {
  name: string;
  change(copy: TempRoot): Promise<void>;
  /** A change the breaking-change gate lists (allowed): its type and what it names. */
  finding: { type: "breaking" | "non-breaking"; change: RegExp; verdict?: RegExp };
}

const cases: AllowedCase[] = [
  {
    name: "a new optional response property (User.nickname, in the spec and its proto message, minor raised)",
    change: async (copy) => {
      await copy.editDocument(DATASERVICE, (doc) => {
        const nickname = doc.createNode({ type: "string", maxLength: 200 });
        nickname.flow = true;
        doc.setIn([...USER, "properties", "nickname"], nickname);
      });
      await copy.replace(
        DATASERVICE_PROTO,
        "  string updated_at = 9;\n}",
        "  string updated_at = 9;\n  optional string nickname = 10;\n}",
      );
      await raiseMinor(copy);
    },
    finding: { type: "non-breaking", change: /^GET \/users\/\{userId\}: .*nickname.*Response 200/ },
  },
  {
    name: "a break (User.location removed, in the spec and its proto message) with the major raised and a CHANGELOG line",
    change: async (copy) => {
      await copy.editDocument(DATASERVICE, (doc) => {
        for (const path of [
          [...USER, "properties", "location"],
          [...USER, "example", "location"],
        ]) {
          if (!doc.deleteIn(path)) throw new Error(`no ${path.join(".")}`);
        }
      });
      await copy.replace(DATASERVICE_PROTO, "optional string location = 7;", 'reserved 7;\n  reserved "location";');
      await version(copy, "3.0.0");
      await changelog(copy, "- dataservice 3.0.0: breaking: removed `User.location`.");
    },
    finding: {
      type: "breaking",
      change: /^GET \/users\/\{userId\}: .*location.*Response 200/,
      verdict:
        /^allowed: info\.version 2\.\d+\.\d+ → 3\.0\.0 raises the major and CHANGELOG\.md says "- dataservice 3\.0\.0: breaking/,
    },
  },
];

describe("mutation: allowed changes of a real spec pass every spec gate", () => {
  for (const c of cases) {
    it(c.name, async (t) => {
      const copy = await tempCopy(t);
      await c.change(copy);
      const findings = await checkBreaking({ root: copy.root });
      const listed = findings.map((f) => `${f.allowed ? "allowed" : "REFUSED"} ${f.document} ${f.type}: ${f.change}`);
      const seen = findings.find(
        (f) => f.document === "dataservice" && f.type === c.finding.type && c.finding.change.test(f.change),
      );
      assert.ok(seen, `the gate does not list ${c.finding.change}:\n${listed.join("\n")}`);
      assert.equal(seen.allowed, true, `refused: ${seen.change} (${seen.verdict})`);
      if (c.finding.verdict) assert.match(seen.verdict ?? "", c.finding.verdict);

      // `npm run generate`, as the change's author would; then every gate passes.
      await generate(copy.path("specs"), copy.path("generated"));
      assert.deepEqual(await runSpecGates(copy.root, dataservice), {
        breaking: [],
        consistency: [],
        lint: [],
        drift: [],
      });
    });
  }
});
