import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { test } from "node:test";
import { SpecIndex } from "@jeeves/codecs";
import { spec } from "@jeeves/generated/specs/dataservice";
import YAML from "yaml";
import { toGavelSchema } from "../../src/dredd/json-schema.ts";

// Dredd's own validator, as Dredd resolves it.
const dreddRequire = createRequire(createRequire(import.meta.url).resolve("dredd"));
const gavel = dreddRequire("gavel") as {
  validate(expected: object, real: object): { valid: boolean; fields: Record<string, { errors: unknown[] }> };
};
const index = new SpecIndex(spec as unknown as Record<string, unknown>);
const userSchema = index.response(index.operation("getUser"), 200)?.schema as Record<string, unknown>;
const cases = YAML.parse(readFileSync(new URL("./fixtures/json-schema-cases.yaml", import.meta.url), "utf8")) as Array<{
  name: string;
  direction: "request" | "response";
  body: unknown;
  valid: boolean;
}>;

function gavelSays(schema: Record<string, unknown>, body: unknown): boolean {
  const headers = { "content-type": "application/json" };
  return gavel.validate({ headers, bodySchema: schema }, { headers, body: JSON.stringify(body) }).valid;
}

for (const c of cases) {
  test(`Gavel judges ${c.name} by the converted spec schema`, () => {
    assert.equal(gavelSays(toGavelSchema(userSchema, c.direction), c.body), c.valid);
  });
}

test("a writeOnly property is refused in a response and kept in a request", () => {
  const create = index.operation("createUser").requestBody?.schema as Record<string, unknown>;
  const body = { display_name: "Bertie", password: "what-ho-jeeves" };
  assert.equal(gavelSays(toGavelSchema(create, "response"), body), false);
  assert.equal(gavelSays(toGavelSchema(create, "request"), body), true);
});

test("OpenAPI-only keywords, extensions and formats ajv does not know are dropped; nullable becomes a union", () => {
  const converted = toGavelSchema({
    type: "object",
    "x-proto-message": "jeeves.v1.Thing",
    example: { n: 1 },
    properties: {
      n: { type: "integer", format: "int32" },
      at: { type: "string", format: "date-time", nullable: true },
    },
  });
  assert.deepEqual(converted, {
    $schema: "http://json-schema.org/draft-07/schema#",
    type: "object",
    properties: { n: { type: "integer" }, at: { type: ["string", "null"], format: "date-time" } },
  });
});

test("a recursive schema is refused rather than looping", () => {
  const node: Record<string, unknown> = { type: "object", properties: {} };
  (node.properties as Record<string, unknown>).child = node;
  assert.throws(() => toGavelSchema(node), /recursive/);
});
