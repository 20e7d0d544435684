import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { describe, test } from "node:test";
import fc from "fast-check";
import { parse } from "yaml";
import { type ArbitraryOptions, arbitraryFor, type JsonSchema } from "../../src/property/arbitrary-for.ts";
import { createAjv } from "./ajv.ts";

interface Entry {
  name: string;
  schema: JsonSchema;
  /** What ajv validates instead, where OpenAPI 3.0 keywords differ from JSON Schema (nullable). */
  ajv?: JsonSchema;
  check?: "int32" | "safe-integer" | "finite-not-negative-zero" | "float32" | "plain-object";
}

const entries = parse(await readFile(new URL("fixtures/schemas.yaml", import.meta.url), "utf8")) as Entry[];
const ajv = createAjv();

const CHECKS: Record<NonNullable<Entry["check"]>, (value: unknown) => boolean> = {
  int32: (v) => Number.isInteger(v) && (v as number) >= -0x80000000 && (v as number) <= 0x7fffffff,
  "safe-integer": (v) => Number.isSafeInteger(v),
  "finite-not-negative-zero": (v) => Number.isFinite(v) && !Object.is(v, -0),
  float32: (v) => typeof v === "number" && Math.fround(v) === v && !Object.is(v, -0),
  "plain-object": (v) => Object.getPrototypeOf(v) === Object.prototype,
};

/** Asserts that every generated value is valid against `against` (ajv, with formats) and passes `check`. */
function assertValid(
  schema: JsonSchema,
  against: JsonSchema,
  check?: (value: unknown) => boolean,
  options?: ArbitraryOptions,
) {
  const validate = ajv.compile(against);
  fc.assert(
    fc.property(arbitraryFor(schema, options), (value) => {
      assert.ok(validate(value), `${JSON.stringify(value)}: ${ajv.errorsText(validate.errors)}`);
      if (check) assert.ok(check(value), `${JSON.stringify(value)} fails the check`);
    }),
    { numRuns: 200, includeErrorInReport: true },
  );
}

describe("arbitraryFor", () => {
  for (const entry of entries) {
    test(`generates only valid values: ${entry.name}`, () => {
      assertValid(entry.schema, entry.ajv ?? entry.schema, entry.check ? CHECKS[entry.check] : undefined);
    });
  }

  test("generates optional properties sometimes, not always, and required ones always", () => {
    const schema = entries.find((e) => e.name.startsWith("an object with required"))?.schema as JsonSchema;
    const values = fc.sample(arbitraryFor(schema), 300) as Array<Record<string, unknown>>;
    assert.ok(values.every((v) => "a" in v));
    assert.ok(values.some((v) => "b" in v) && values.some((v) => !("b" in v)));
  });

  test("a string enum takes every value", () => {
    const values = new Set(fc.sample(arbitraryFor({ type: "string", enum: ["ok", "failing"] }), 100));
    assert.deepEqual([...values].sort(), ["failing", "ok"]);
  });

  test("a nullable schema sometimes gives null", () => {
    assert.ok(fc.sample(arbitraryFor({ type: "string", nullable: true }), 200).includes(null));
  });

  test("strings reach beyond ASCII but never hold a lone surrogate", () => {
    const values = fc.sample(arbitraryFor({ type: "string", minLength: 1 }), 500) as string[];
    assert.ok(values.some((v) => /[^\x20-\x7e]/.test(v)));
    assert.ok(values.every((v) => !/[\uD800-\uDFFF]/u.test(v)));
  });

  const schema: JsonSchema = {
    type: "object",
    required: ["id", "secret"],
    properties: { id: { type: "string", readOnly: true }, secret: { type: "string", writeOnly: true } },
  };

  test("a response leaves writeOnly properties out, a request readOnly ones", () => {
    const responses = fc.sample(arbitraryFor(schema, { direction: "response" }), 50) as Array<Record<string, unknown>>;
    assert.ok(responses.every((v) => "id" in v && !("secret" in v)));
    const requests = fc.sample(arbitraryFor(schema, { direction: "request" }), 50) as Array<Record<string, unknown>>;
    assert.ok(requests.every((v) => "secret" in v && !("id" in v)));
  });

  test("a cyclic schema is refused rather than looping", () => {
    const node: JsonSchema = { type: "object", required: ["next"], properties: {} };
    (node.properties as Record<string, JsonSchema>).next = node;
    assert.throws(() => arbitraryFor(node), /deeper than maxDepth/);
  });

  test("bounds no integer fits are refused", () => {
    assert.throws(
      () => arbitraryFor({ type: "integer", minimum: 1, maximum: 1, exclusiveMaximum: true }),
      /no integer/,
    );
  });
});
