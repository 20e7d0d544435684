import fc from "fast-check";

/** The parts of a (dereferenced) JSON schema the arbitrary builder reads. */
export interface JsonSchema {
  type?: string | string[];
  format?: string;
  enum?: unknown[];
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  /** OpenAPI 3.0: a boolean beside minimum; JSON Schema 2020-12: the bound itself. */
  exclusiveMinimum?: boolean | number;
  exclusiveMaximum?: boolean | number;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  uniqueItems?: boolean;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  minProperties?: number;
  allOf?: JsonSchema[];
  nullable?: boolean;
  readOnly?: boolean;
  writeOnly?: boolean;
  [keyword: string]: unknown;
}

/** How values are generated. */
export interface ArbitraryOptions {
  /**
   * Which way the value travels: a `request` leaves out readOnly properties, a `response` writeOnly ones
   * (as the codecs' filter does). Default: keep both.
   */
  direction?: "request" | "response";
  /** Most items of an array, or keys of a free-form object, when the schema sets no bound. Default 4. */
  maxItems?: number;
  /** Deepest nesting of objects and arrays before the builder gives up (a cyclic schema). Default 8. */
  maxDepth?: number;
}

const INT32 = { min: -0x80000000, max: 0x7fffffff };
const SAFE = { min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER };
const FIRST_DATE = new Date("0001-01-01T00:00:00.000Z");
const LAST_DATE = new Date("9999-12-31T23:59:59.999Z");

/**
 * One code point: mostly printable ASCII, sometimes any code point at all (controls, NUL, astral
 * planes) but never a lone surrogate, which no UTF-8 encoding (MessagePack, protobuf) can carry.
 */
const CHARACTER = fc.oneof(
  { arbitrary: fc.string({ unit: "grapheme-ascii", minLength: 1, maxLength: 1 }), weight: 3 },
  { arbitrary: fc.string({ unit: "binary", minLength: 1, maxLength: 1 }), weight: 1 },
);

/** Code points, as JSON Schema's minLength and maxLength count them. */
function codePoints(value: string): number {
  let count = 0;
  for (const _ of value) count++;
  return count;
}

function typeOf(schema: JsonSchema): string | undefined {
  if (Array.isArray(schema.type)) return schema.type.find((t) => t !== "null");
  if (schema.type) return schema.type;
  if (schema.properties || schema.additionalProperties !== undefined) return "object";
  if (schema.items) return "array";
  return undefined;
}

/** The schema with its `allOf` parts merged into it (properties and required lists joined). */
export function merged(schema: JsonSchema): JsonSchema {
  if (!schema.allOf) return schema;
  const { allOf, ...rest } = schema;
  let out: JsonSchema = { ...rest };
  for (const part of allOf.map(merged)) {
    out = {
      ...part,
      ...out,
      properties: { ...(part.properties ?? {}), ...(out.properties ?? {}) },
      required: [...(part.required ?? []), ...(out.required ?? [])],
    };
  }
  return out;
}

function lengthBounded(arbitrary: fc.Arbitrary<string>, schema: JsonSchema): fc.Arbitrary<string> {
  const min = schema.minLength ?? 0;
  const max = schema.maxLength ?? Number.POSITIVE_INFINITY;
  if (min === 0 && max === Number.POSITIVE_INFINITY) return arbitrary;
  return arbitrary.filter((value) => {
    const length = codePoints(value);
    return length >= min && length <= max;
  });
}

function stringArbitrary(schema: JsonSchema): fc.Arbitrary<string> {
  if (schema.pattern !== undefined) {
    const constraints = schema.maxLength === undefined ? {} : { maxLength: schema.maxLength };
    return lengthBounded(fc.stringMatching(new RegExp(schema.pattern), constraints), schema);
  }
  switch (schema.format) {
    case "uuid":
      return fc.uuid();
    case "email":
      return lengthBounded(fc.emailAddress(), schema);
    case "date-time":
      return fc.date({ min: FIRST_DATE, max: LAST_DATE, noInvalidDate: true }).map((date) => date.toISOString());
    case "date":
      return fc
        .date({ min: FIRST_DATE, max: LAST_DATE, noInvalidDate: true })
        .map((date) => date.toISOString().slice(0, 10));
    default:
      return fc.string({ unit: CHARACTER, minLength: schema.minLength ?? 0, maxLength: schema.maxLength });
  }
}

function bounds(schema: JsonSchema): { min?: number; max?: number; minExcluded: boolean; maxExcluded: boolean } {
  const numeric = (value: unknown) => (typeof value === "number" ? value : undefined);
  const exclusiveMin = numeric(schema.exclusiveMinimum);
  const exclusiveMax = numeric(schema.exclusiveMaximum);
  return {
    min: exclusiveMin ?? schema.minimum,
    max: exclusiveMax ?? schema.maximum,
    minExcluded: exclusiveMin !== undefined || schema.exclusiveMinimum === true,
    maxExcluded: exclusiveMax !== undefined || schema.exclusiveMaximum === true,
  };
}

function integerArbitrary(schema: JsonSchema): fc.Arbitrary<number> {
  const range = schema.format === "int64" ? SAFE : INT32;
  const b = bounds(schema);
  const min = Math.max(
    range.min,
    b.min === undefined ? range.min : Math.ceil(b.min) + (b.minExcluded && Number.isInteger(b.min) ? 1 : 0),
  );
  const max = Math.min(
    range.max,
    b.max === undefined ? range.max : Math.floor(b.max) - (b.maxExcluded && Number.isInteger(b.max) ? 1 : 0),
  );
  if (min > max) throw new Error(`no integer fits ${JSON.stringify(schema)}`);
  return fc.integer({ min, max });
}

/** Finite numbers within the bounds, never -0 (no encoding but JSON keeps its sign) nor NaN. */
function numberArbitrary(schema: JsonSchema): fc.Arbitrary<number> {
  const b = bounds(schema);
  const constraints = { noNaN: true, noDefaultInfinity: true, minExcluded: b.minExcluded, maxExcluded: b.maxExcluded };
  const numbers =
    schema.format === "float"
      ? fc.float({
          ...constraints,
          ...(b.min === undefined ? {} : { min: Math.fround(b.min) < b.min ? nextFloatUp(b.min) : Math.fround(b.min) }),
          ...(b.max === undefined
            ? {}
            : { max: Math.fround(b.max) > b.max ? nextFloatDown(b.max) : Math.fround(b.max) }),
        })
      : fc.double({ ...constraints, min: b.min, max: b.max });
  return numbers.map((value) => (Object.is(value, -0) ? 0 : value)).filter((value) => Number.isFinite(value));
}

function nextFloatUp(value: number): number {
  const f = new Float32Array([value]);
  const i = new Int32Array(f.buffer);
  i[0] += f[0] >= 0 ? 1 : -1;
  return f[0];
}

function nextFloatDown(value: number): number {
  const f = new Float32Array([value]);
  const i = new Int32Array(f.buffer);
  i[0] += f[0] > 0 ? -1 : 1;
  return f[0];
}

function objectArbitrary(schema: JsonSchema, options: ArbitraryOptions, depth: number): fc.Arbitrary<unknown> {
  const hidden =
    options.direction === "response" ? "writeOnly" : options.direction === "request" ? "readOnly" : undefined;
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [name, property] of Object.entries(schema.properties ?? {})) {
    if (hidden && property[hidden]) continue;
    model[name] = build(property, options, depth + 1);
  }
  const requiredKeys = (schema.required ?? []).filter((name) => name in model);
  let arbitrary: fc.Arbitrary<Record<string, unknown>> = fc.record(model, { requiredKeys, noNullPrototype: true });
  const extra = schema.additionalProperties;
  if (!schema.properties && extra !== false && extra !== undefined) {
    const values = typeof extra === "object" ? build(extra, options, depth + 1) : fc.jsonValue();
    arbitrary = fc.dictionary(fc.string(), values, { maxKeys: options.maxItems ?? 4, noNullPrototype: true });
  }
  const least = schema.minProperties ?? 0;
  return least > 0 ? arbitrary.filter((value) => Object.keys(value).length >= least) : arbitrary;
}

function build(raw: JsonSchema, options: ArbitraryOptions, depth: number): fc.Arbitrary<unknown> {
  if (depth > (options.maxDepth ?? 8)) throw new Error("the schema nests deeper than maxDepth (a cycle?)");
  const schema = merged(raw);
  const arbitrary = ((): fc.Arbitrary<unknown> => {
    if (schema.enum) return fc.constantFrom(...schema.enum);
    switch (typeOf(schema)) {
      case "string":
        return stringArbitrary(schema);
      case "integer":
        return integerArbitrary(schema);
      case "number":
        return numberArbitrary(schema);
      case "boolean":
        return fc.boolean();
      case "array": {
        const items = build(schema.items ?? {}, options, depth + 1);
        const constraints = { minLength: schema.minItems ?? 0, maxLength: schema.maxItems ?? options.maxItems ?? 4 };
        return schema.uniqueItems
          ? fc.uniqueArray(items, { ...constraints, selector: (item) => JSON.stringify(item) })
          : fc.array(items, constraints);
      }
      case "object":
        return objectArbitrary(schema, options, depth);
      default:
        return fc.oneof(fc.string(), fc.integer(), fc.boolean());
    }
  })();
  const nullable = schema.nullable === true || (Array.isArray(schema.type) && schema.type.includes("null"));
  return nullable ? fc.option(arbitrary, { nil: null }) : arbitrary;
}

/**
 * A fast-check arbitrary of values valid against a dereferenced JSON schema (OpenAPI 3.0 flavour):
 * strings within minLength/maxLength (code points) matching `pattern`, formats uuid, email, date and
 * date-time; integers within the bounds and the int32 range (safe integers for int64); finite numbers
 * within the bounds, never -0 or NaN (format float: 32-bit floats); booleans; enums; arrays within
 * minItems/maxItems; objects with every required property and some optional ones, nothing else, the
 * properties hidden in `options.direction` left out; allOf merged; nullable honoured.
 */
export function arbitraryFor(schema: JsonSchema, options: ArbitraryOptions = {}): fc.Arbitrary<unknown> {
  return build(schema, options, 0);
}
