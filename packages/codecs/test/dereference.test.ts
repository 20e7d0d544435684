import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { spec } from "@jeeves/generated/specs/dataservice";
import { dereference } from "../src/index.ts";

type Node = Record<string, unknown>;

/** The node at a path of keys. */
function at(root: unknown, path: string): unknown {
  return path.split(".").reduce<unknown>((node, key) => (node as Node)[key], root);
}

/** Every `$ref` left anywhere in a (possibly cyclic) graph. */
function refsIn(root: unknown): string[] {
  const seen = new Set<unknown>();
  const refs: string[] = [];
  const walk = (node: unknown): void => {
    if (node === null || typeof node !== "object" || seen.has(node)) return;
    seen.add(node);
    const ref = (node as Node).$ref;
    if (typeof ref === "string") refs.push(ref);
    for (const value of Object.values(node as Node)) walk(value);
  };
  walk(root);
  return refs;
}

describe("dereference", () => {
  it("resolves nested refs and refs to refs", () => {
    const doc = {
      root: { $ref: "#/defs/A" },
      defs: {
        A: { type: "object", properties: { b: { $ref: "#/defs/B" } } },
        B: { type: "object", properties: { c: { $ref: "#/defs/Alias" } } },
        Alias: { $ref: "#/defs/C" },
        C: { type: "string", maxLength: 3 },
      },
    };
    const out = dereference(doc);
    assert.deepEqual(at(out, "root.properties.b.properties.c"), { type: "string", maxLength: 3 });
    assert.deepEqual(refsIn(out), []);
  });

  it("shares one resolved object between refs to the same node", () => {
    const doc = {
      a: { $ref: "#/defs/Shared" },
      b: { items: { $ref: "#/defs/Shared" } },
      defs: { Shared: { type: "object", properties: { x: { type: "integer" } } } },
    };
    const out = dereference(doc);
    assert.equal(at(out, "a"), at(out, "b.items"));
    assert.deepEqual(at(out, "a"), { type: "object", properties: { x: { type: "integer" } } });
  });

  it("does not loop on a self-referencing schema", () => {
    const doc = {
      root: { $ref: "#/defs/Tree" },
      defs: { Tree: { type: "object", properties: { children: { type: "array", items: { $ref: "#/defs/Tree" } } } } },
    };
    const out = dereference(doc);
    assert.equal(at(out, "root.properties.children.items"), at(out, "root"));
    assert.deepEqual(refsIn(out), []);
  });

  it("does not loop on mutually referencing schemas", () => {
    const doc = {
      root: { $ref: "#/defs/A" },
      defs: {
        A: { properties: { b: { $ref: "#/defs/B" } } },
        B: { properties: { a: { $ref: "#/defs/A" } } },
      },
    };
    const out = dereference(doc);
    assert.equal(at(out, "root.properties.b.properties.a"), at(out, "root"));
    assert.deepEqual(refsIn(out), []);
  });

  it("decodes ~1 and ~0 in JSON pointers", () => {
    const doc = { x: { $ref: "#/defs/a~1b~0c" }, defs: { "a/b~c": { const: 1 } } };
    assert.deepEqual(at(dereference(doc), "x"), { const: 1 });
  });

  it("leaves the input document untouched", () => {
    const doc = { x: { $ref: "#/defs/A" }, defs: { A: { type: "string" } } };
    const copy = structuredClone(doc);
    dereference(doc);
    assert.deepEqual(doc, copy);
  });

  it("keeps arrays and scalars", () => {
    const doc = { list: [1, "two", null, { $ref: "#/defs/A" }], flag: true, defs: { A: { enum: ["a", "b"] } } };
    assert.deepEqual(at(dereference(doc), "list"), [1, "two", null, { enum: ["a", "b"] }]);
  });

  it("throws on an unresolved or non-local ref", () => {
    assert.throws(() => dereference({ x: { $ref: "#/defs/Missing" }, defs: {} }), /unresolved \$ref #\/defs\/Missing/);
    assert.throws(() => dereference({ x: { $ref: "other.yaml#/A" } }), /only local \$refs/);
  });

  it("leaves no $ref in the dataservice spec", () => {
    const out = dereference(spec);
    assert.deepEqual(refsIn(out), []);
    const op = (at(out, "paths") as Node)["/users"];
    const created = at(op, "post.responses.201.content") as Node;
    const schema = (created["application/json"] as Node).schema as Node;
    assert.equal(schema["x-proto-message"], "jeeves.v1.User");
    assert.equal(at(schema, "properties.created_at.format"), "date-time");
  });
});
