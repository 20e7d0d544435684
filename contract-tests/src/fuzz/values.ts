import fc from "fast-check";
import type { JsonSchema } from "../property/arbitrary-for.ts";

/** Length of the "huge" strings: well within the 1 MiB body limit, far beyond every maxLength. */
export const HUGE_LENGTH = 100_000;

/** Strings that have broken services before: unicode oddities, injections, controls, lone surrogates. */
const ODD_STRINGS = [
  "",
  " ",
  "\u0000",
  "\t\r\n",
  "😀🦄👨‍👩‍👧‍👦",
  "\u202Egnp.exe",
  "\uFEFFbom",
  "İıßﬀ",
  "a\u0301\u0301\u0301",
  "𝕁𝕖𝕖𝕧𝕖𝕤",
  "\uD800",
  "\uDFFFx\uD800",
  "漢字テスト",
  "' OR 1=1 --",
  '"; DROP TABLE users; --',
  "<script>alert(1)</script>",
  "../../../../etc/passwd",
  "%00%2e%2e%2f",
  "$" + "{jndi:ldap://x}",
  "{{7*7}}",
  "\r\nX-Injected: yes",
  "__proto__",
  "constructor",
  "null",
  "NaN",
  "-0",
  "1e309",
  "0x10",
  "true",
];

/** Odd strings, and a few generated ones: any code point (lone surrogates included) and grapheme soup. */
export const oddString: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...ODD_STRINGS) },
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: "grapheme", maxLength: 40 }) },
);

/** Very long strings: beyond any maxLength, one of them as large as {@link HUGE_LENGTH}. */
export const hugeString: fc.Arbitrary<string> = fc
  .tuple(fc.constantFrom(201, 1001, 4001, 65_536, HUGE_LENGTH), fc.constantFrom("x", "é", "😀", "\u0000", "a b"))
  .map(([length, unit]) => unit.repeat(Math.ceil(length / unit.length)));

/** The JSON type a schema asks for ("string", "integer"…), or undefined when it does not say. */
export function typeOf(schema: JsonSchema): string | undefined {
  if (Array.isArray(schema.type)) return schema.type.find((t) => t !== "null");
  if (schema.type) return schema.type;
  if (schema.properties || schema.additionalProperties !== undefined) return "object";
  if (schema.items) return "array";
  return undefined;
}

/** Values of every JSON type but the schema's (and numbers at the edges of what JSON and int32 hold). */
export function wrongTypeFor(schema: JsonSchema): fc.Arbitrary<unknown> {
  const type = typeOf(schema);
  const options: fc.Arbitrary<unknown>[] = [];
  if (type !== "string") options.push(fc.constantFrom("12", "abc", "", "true", "1.5"));
  if (type !== "integer" && type !== "number") options.push(fc.constantFrom(0, 1, -1, 1.5, 1e308, -1e308, 2 ** 63));
  if (type === "integer") options.push(fc.constantFrom(1.5, 2 ** 31, -(2 ** 31) - 1, 2 ** 53 + 2, 1e308));
  if (type !== "boolean") options.push(fc.boolean());
  if (type !== "array") options.push(fc.constantFrom([], ["x"], [1, 2], [null], [[]]));
  if (type !== "object") options.push(fc.constantFrom({}, { a: 1 }, { __proto__: null, x: "y" }));
  if (schema.nullable !== true) options.push(fc.constant(null));
  return fc.oneof(...options);
}

/** Values at a schema's edges: its lengths, bounds, every enum value, the shortest and longest arrays. */
export function boundaryFor(schema: JsonSchema): fc.Arbitrary<unknown> | undefined {
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const type = typeOf(schema);
  const values: unknown[] = [];
  if (type === "string") {
    if (schema.format === "uuid")
      values.push("00000000-0000-0000-0000-000000000000", "ffffffff-ffff-ffff-ffff-ffffffffffff");
    else if (schema.format === "date") values.push("0001-01-01", "9999-12-31", "2024-02-29");
    else if (schema.format === "date-time") values.push("0001-01-01T00:00:00Z", "9999-12-31T23:59:59.999Z");
    else if (schema.format === "email") values.push("a@b.co", `${"a".repeat(64)}@example.com`);
    for (const length of [schema.minLength ?? 0, schema.maxLength]) {
      if (length !== undefined) values.push("a".repeat(length), "é".repeat(length), "😀".repeat(length));
    }
  } else if (type === "integer" || type === "number") {
    const numeric = (value: unknown) => (typeof value === "number" ? value : undefined);
    const min = numeric(schema.exclusiveMinimum) ?? schema.minimum;
    const max = numeric(schema.exclusiveMaximum) ?? schema.maximum;
    const step = type === "integer" ? 1 : Number.EPSILON;
    if (min !== undefined)
      values.push(schema.exclusiveMinimum !== undefined && schema.exclusiveMinimum !== false ? min + step : min);
    if (max !== undefined)
      values.push(schema.exclusiveMaximum !== undefined && schema.exclusiveMaximum !== false ? max - step : max);
    if (type === "integer") values.push(0, schema.format === "int64" ? Number.MAX_SAFE_INTEGER : 2 ** 31 - 1);
    else values.push(0, Number.MIN_VALUE, Number.MAX_VALUE);
  } else if (type === "boolean") {
    values.push(true, false);
  } else if (type === "array") {
    values.push([]);
  }
  if (schema.nullable === true) values.push(null);
  return values.length > 0 ? fc.constantFrom(...values) : undefined;
}
