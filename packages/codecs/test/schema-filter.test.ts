import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { type FilterSchema, filterBySchema, undeclaredProperties } from "../src/index.ts";

const str: FilterSchema = { type: "string" };
const user: FilterSchema = {
  type: "object",
  properties: {
    id: str,
    name: str,
    password: { type: "string", writeOnly: true },
    etag: { type: "string", readOnly: true },
  },
};

describe("filterBySchema", () => {
  const cases: Array<[name: string, schema: FilterSchema | undefined, value: unknown, expected: unknown]> = [
    ["drops unknown properties", user, { id: "1", name: "B", extra: 1 }, { id: "1", name: "B" }],
    ["drops writeOnly properties (response)", user, { id: "1", password: "secret" }, { id: "1" }],
    ["keeps readOnly properties (response)", user, { id: "1", etag: "e" }, { id: "1", etag: "e" }],
    ["drops undefined values", user, { id: "1", name: undefined }, { id: "1" }],
    ["keeps null values", user, { id: "1", name: null }, { id: "1", name: null }],
    [
      "filters nested objects",
      { type: "object", properties: { owner: user, n: { type: "integer" } } },
      { owner: { id: "1", password: "p", junk: true }, n: 2, other: 3 },
      { owner: { id: "1" }, n: 2 },
    ],
    [
      "filters arrays item by item",
      { type: "array", items: user },
      [
        { id: "1", junk: 1 },
        { id: "2", password: "p" },
      ],
      [{ id: "1" }, { id: "2" }],
    ],
    [
      "filters nested arrays",
      { type: "object", properties: { grid: { type: "array", items: { type: "array", items: user } } } },
      { grid: [[{ id: "1", junk: 1 }], [], [{ id: "2", password: "p" }]] },
      { grid: [[{ id: "1" }], [], [{ id: "2" }]] },
    ],
    [
      "merges the properties of allOf",
      {
        allOf: [{ properties: { a: str } }, { allOf: [{ properties: { b: { type: "string", writeOnly: true } } }] }],
        properties: { c: str },
      },
      { a: "1", b: "2", c: "3", d: "4" },
      { a: "1", c: "3" },
    ],
    [
      "additionalProperties: true keeps unknown properties",
      { type: "object", properties: { a: str }, additionalProperties: true },
      { a: "1", z: { deep: true } },
      { a: "1", z: { deep: true } },
    ],
    [
      "additionalProperties schema filters each extra value",
      { type: "object", additionalProperties: user },
      { u1: { id: "1", password: "p" }, u2: { id: "2", junk: 1 } },
      { u1: { id: "1" }, u2: { id: "2" } },
    ],
    [
      "additionalProperties: false without properties empties the object",
      { type: "object", additionalProperties: false },
      { a: 1 },
      {},
    ],
    ["a free-form object passes as it is", { type: "object" }, { a: 1, b: [2] }, { a: 1, b: [2] }],
    ["no schema: the value as it is", undefined, { a: 1 }, { a: 1 }],
    ["an array without items passes as it is", { type: "array" }, [{ a: 1 }], [{ a: 1 }]],
    ["scalars pass", str, "text", "text"],
    ["null passes", user, null, null],
    ["undefined passes", user, undefined, undefined],
  ];
  for (const [name, schema, value, expected] of cases) {
    it(name, () => assert.deepEqual(filterBySchema(value, schema), expected));
  }

  it("keeps writeOnly and drops readOnly properties in a request", () => {
    assert.deepEqual(filterBySchema({ id: "1", password: "secret", etag: "e", junk: 1 }, user, "request"), {
      id: "1",
      password: "secret",
    });
    const nested: FilterSchema = { type: "array", items: { type: "object", properties: { u: user } } };
    assert.deepEqual(filterBySchema([{ u: { password: "p", etag: "e" } }], nested, "request"), [
      { u: { password: "p" } },
    ]);
  });

  it("does not change its input", () => {
    const value = { id: "1", password: "secret", nested: [{ x: 1 }] };
    const copy = structuredClone(value);
    filterBySchema(value, user);
    assert.deepEqual(value, copy);
  });
});

describe("undeclaredProperties", () => {
  it("names a misspelled property by its JSON pointer", () => {
    assert.deepEqual(undeclaredProperties({ id: "1", dispaly_name: "B" }, user), ["/dispaly_name"]);
  });

  it("finds them at any depth: nested objects, array items, allOf parts, additionalProperties schemas", () => {
    const schema: FilterSchema = {
      type: "object",
      allOf: [{ properties: { extra: { type: "object", additionalProperties: user } } }],
      properties: { owner: user, team: { type: "array", items: user } },
    };
    const value = {
      owner: { id: "1", nmae: "B" },
      team: [{ id: "2" }, { id: "3", "a/b~": 1 }],
      extra: { anyone: { id: "4", pass: "x" } },
    };
    assert.deepEqual(undeclaredProperties(value, schema), ["/owner/nmae", "/team/1/a~1b~0", "/extra/anyone/pass"]);
  });

  it("finds nothing in a body that keeps to its schema, or where the schema leaves properties open", () => {
    assert.deepEqual(undeclaredProperties({ id: "1", password: "p", etag: "e", name: undefined }, user), []);
    assert.deepEqual(undeclaredProperties({ anything: 1 }, { type: "object" }), []);
    assert.deepEqual(undeclaredProperties({ id: "1", more: 1 }, { ...user, additionalProperties: true }), []);
    assert.deepEqual(undeclaredProperties({ anything: 1 }, undefined), []);
    assert.deepEqual(undeclaredProperties("text", user), []);
  });
});
