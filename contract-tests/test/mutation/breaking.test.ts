import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Document, YAMLSeq } from "yaml";
import { checkBreaking, type Finding } from "../../src/breaking/check-breaking.ts";
import { DOCUMENTS } from "../../src/registry.ts";
import { type TempRoot, tempCopy } from "../temp-root.ts";

const DATASERVICE = "specs/openapi/dataservice.yaml";
const DATASERVICE_PROTO = "specs/proto/jeeves/v1/dataservice.proto";
const BUS = "specs/asyncapi/bus.yaml";
const SCHEMAS = ["components", "schemas"];

/** Removes a value from a YAML sequence (a schema's `required`), failing when it is not there. */
function removeFromSeq(doc: Document, path: string[], value: string): void {
  const seq = doc.getIn(path) as YAMLSeq<{ value: unknown }> | undefined;
  const at = seq?.items.findIndex((item) => item.value === value) ?? -1;
  if (!seq || at < 0) throw new Error(`${path.join(".")} has no ${value}`);
  seq.delete(at);
}

/** Removes `display_name` from the dataservice's `User` response schema (its property and its `required`). */
const removeDisplayName = (copy: TempRoot) =>
  copy.editDocument(DATASERVICE, (doc) => {
    if (!doc.deleteIn([...SCHEMAS, "User", "properties", "display_name"])) throw new Error("User has no display_name");
    removeFromSeq(doc, [...SCHEMAS, "User", "required"], "display_name");
  });

/** A break of a real spec, and what the breaking-change gate must name when it refuses it. */
interface BreakCase {
  name: string;
  /** Makes the break in the temporary copy. */
  change(copy: TempRoot): Promise<void>;
  /** Whether the copy is a git repository, the break under a second, unrelated commit. */
  git?: boolean;
  /** The document (of DOCUMENTS) the refusals count against. */
  document: string;
  /** What a refused change names: where (operation, message, channel) and the field. */
  path: RegExp;
  field: string;
  /** A file the refusal names itself (the proto file). */
  file?: string;
  todo?: string;
}

const breaks: BreakCase[] = [
  {
    name: "a response property removed, then hidden under a second, unrelated commit",
    change: async (copy) => {
      await removeDisplayName(copy);
      await copy.commit("dataservice: User without display_name");
      await copy.write("NOTES.md", "an unrelated change\n");
      await copy.commit("unrelated");
    },
    git: true,
    document: "dataservice",
    path: /^GET \/users\/\{userId\}: .*Response 200/,
    field: "display_name",
  },
  {
    name: "a response property's type changed",
    change: (copy) =>
      copy.editDocument(DATASERVICE, (doc) => {
        doc.setIn([...SCHEMAS, "User", "properties", "is_admin", "type"], "string");
      }),
    document: "dataservice",
    path: /^GET \/users\/\{userId\}: .*"boolean" → "string" in Response 200/,
    field: "is_admin",
  },
  {
    name: "a required request property added",
    change: (copy) =>
      copy.editDocument(DATASERVICE, (doc) => {
        doc.addIn([...SCHEMAS, "UserCreate", "required"], "email");
      }),
    document: "dataservice",
    path: /^POST \/users: .*required.*Request Body/,
    field: "email",
  },
  {
    name: "a proto field renumbered",
    change: (copy) => copy.replace(DATASERVICE_PROTO, "string display_name = 3;", "string display_name = 10;"),
    document: "dataservice",
    path: /field "3" with name "display_name" on message "User" was deleted.*FIELD_NO_DELETE/,
    field: "display_name",
    file: DATASERVICE_PROTO,
  },
  {
    name: "a proto field retyped",
    change: (copy) => copy.replace(DATASERVICE_PROTO, "bool is_admin = 6;", "string is_admin = 6;"),
    document: "dataservice",
    path: /on message "User" changed type from "bool" to "string".*FIELD_SAME_TYPE/,
    field: "is_admin",
    file: DATASERVICE_PROTO,
  },
  {
    name: "an AsyncAPI channel renamed (chat.reply.{destination} → chat.replies.{destination})",
    change: (copy) =>
      copy.editDocument(BUS, (doc) => {
        doc.setIn(["channels", "chatReply", "address"], "chat.replies.{destination}");
      }),
    document: "bus",
    path: /chatReply/,
    field: "chat.reply.{destination}",
  },
  {
    name: "an AsyncAPI message schema narrowed: an optional property removed",
    change: (copy) =>
      copy.editDocument(BUS, (doc) => {
        if (!doc.deleteIn([...SCHEMAS, "Reply", "properties", "thread"])) throw new Error("Reply has no thread");
      }),
    document: "bus",
    path: /chatReply|Reply/,
    field: "thread",
  },
  {
    name: "an AsyncAPI message schema narrowed: a required property added",
    change: (copy) =>
      copy.editDocument(BUS, (doc) => {
        doc.setIn([...SCHEMAS, "ChatMessage", "properties", "locale"], doc.createNode({ type: "string" }));
        doc.addIn([...SCHEMAS, "ChatMessage", "required"], "locale");
      }),
    document: "bus",
    path: /chatMessage|ChatMessage/,
    field: "locale",
  },
];

/** The gate's findings as lines, for failure messages. */
const shown = (findings: Finding[]) =>
  findings
    .filter((f) => f.type !== "annotation")
    .map(
      (f) =>
        `${f.allowed ? "allowed" : "REFUSED"} ${f.document} ${f.type}: ${f.change}${f.verdict ? ` (${f.verdict})` : ""}`,
    )
    .join("\n");

describe("mutation: the breaking-change gate refuses each break of a real spec", () => {
  it("passes the untouched copy (the control: every refusal below is the mutation's)", async (t) => {
    const copy = await tempCopy(t, { include: ["specs", "CHANGELOG.md"] });
    const findings = await checkBreaking({ root: copy.root });
    assert.deepEqual(
      findings.filter((f) => !f.allowed),
      [],
      shown(findings),
    );
  });

  for (const c of breaks) {
    it(c.name, { todo: c.todo }, async (t) => {
      const copy = await tempCopy(t, { include: ["specs", "CHANGELOG.md"], git: c.git });
      await c.change(copy);
      if (c.git) {
        const touched = (commit: string) => copy.git("show", "--name-only", "--format=", commit);
        assert.equal(await touched("HEAD"), "NOTES.md", "the last commit touches no spec");
        assert.equal(await touched("HEAD~1"), DATASERVICE, "the commit before it holds the break");
        assert.equal(await copy.git("status", "--porcelain"), "", "everything is committed");
      }
      const findings = await checkBreaking({ root: copy.root });
      const refused = findings.filter((f) => !f.allowed);
      const spec = DOCUMENTS.find((d) => d.name === c.document)?.path;
      assert.ok(refused.length > 0, `the gate passed ${spec}:\n${shown(findings)}`);
      assert.deepEqual(
        refused.filter((f) => f.document !== c.document || !f.change.includes(c.field)),
        [],
        `every refusal is the mutation's: ${c.document} (${spec}) and ${c.field}`,
      );
      const named = refused.find((f) => c.path.test(f.change));
      assert.ok(named, `no refusal of ${c.document} (${spec}) names ${c.path} and ${c.field}:\n${shown(findings)}`);
      if (c.file) assert.ok(named.change.startsWith(`${c.file}: `), named.change);
      assert.match(named.verdict ?? "", /^not allowed: info\.version \S+ → \S+ keeps the major/);
    });
  }
});
