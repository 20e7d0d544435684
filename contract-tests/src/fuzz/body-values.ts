import fc from "fast-check";
import { arbitraryFor, type JsonSchema, merged } from "../property/arbitrary-for.ts";
import { boundaryFor, hugeString, oddString, typeOf, wrongTypeFor } from "./values.ts";

/** A body in JSON shape and the mutation that made it (`valid` when none did). */
export interface BodyValue {
  category: string;
  value: unknown;
}

/** A property somewhere in a body schema: its path from the top and its schema. */
interface PropertyPath {
  path: string[];
  schema: JsonSchema;
  required: boolean;
}

/** Nesting of the `deep-nesting` bodies: deeper than any recursive parser should go. */
const DEEP = 1_000;

/** Every property of a schema down to `depth` levels of objects (arrays are not entered). */
function propertyPaths(raw: JsonSchema, depth = 3, prefix: string[] = []): PropertyPath[] {
  const schema = merged(raw);
  if (depth === 0 || !schema.properties) return [];
  const required = new Set(schema.required ?? []);
  return Object.entries(schema.properties).flatMap(([name, property]) => [
    { path: [...prefix, name], schema: merged(property), required: required.has(name) },
    ...propertyPaths(property, depth - 1, [...prefix, name]),
  ]);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Sets (or, with `remove`, deletes) the value at `path` in a copy of `body`, creating objects on the way. */
function setAt(body: unknown, path: string[], value: unknown, remove = false): unknown {
  const copy = structuredClone(body);
  if (!isObject(copy)) return copy;
  let node: Record<string, unknown> = copy;
  for (const key of path.slice(0, -1)) {
    if (!isObject(node[key])) node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  const last = path[path.length - 1];
  if (remove) delete node[last];
  else Object.defineProperty(node, last, { value, enumerable: true, writable: true, configurable: true });
  return copy;
}

function deepArray(depth: number): unknown {
  let value: unknown = [];
  for (let i = 0; i < depth; i++) value = [value];
  return value;
}

/** Valid bodies: generated from the schema (readOnly properties left out) and the spec's own examples. */
export function validBodies(schema: JsonSchema, examples: unknown[]): fc.Arbitrary<unknown> {
  const generated = arbitraryFor(schema, { direction: "request", maxItems: 3 });
  if (examples.length === 0) return generated;
  return fc.oneof(
    generated,
    fc.constantFrom(...examples).map((example) => structuredClone(example)),
  );
}

/**
 * Bodies in JSON shape, valid or mutated one way: `wrong-type` (a property of another JSON type),
 * `missing-field` (a required property left out), `extra-field` (an unknown property, `__proto__` too),
 * `odd-string` (empty, unicode, controls, lone surrogates, injections), `huge-string`, `boundary` (values
 * at minLength, maxLength, minimum, maximum, every enum value), `not-an-object` (null, an array, a
 * scalar), `deep-nesting` (arrays 1000 deep (deeper ones go as raw bytes)).
 */
export function bodyValues(schema: JsonSchema, examples: unknown[]): fc.Arbitrary<BodyValue> {
  const valid = validBodies(schema, examples);
  const paths = propertyPaths(schema);
  const strings = paths.filter((p) => typeOf(p.schema) === "string");
  const required = paths.filter((p) => p.required && p.path.length === 1);
  const boundaries = paths.flatMap((p) => {
    const values = boundaryFor(p.schema);
    return values ? [{ path: p.path, values }] : [];
  });
  const withValue = (category: string, targets: PropertyPath[], values: (p: PropertyPath) => fc.Arbitrary<unknown>) =>
    fc
      .tuple(valid, fc.constantFrom(...targets))
      .chain(([body, target]) =>
        values(target).map((value) => ({ category, value: setAt(body, target.path, value) }) as BodyValue),
      );
  const options: Array<{ weight: number; arbitrary: fc.Arbitrary<BodyValue> }> = [
    { weight: 20, arbitrary: valid.map((value) => ({ category: "valid", value })) },
    {
      weight: 5,
      arbitrary: fc
        .tuple(valid, fc.constantFrom("unexpected", "__proto__", "constructor", "prototype", "", "😀", "a".repeat(300)))
        .chain(([body, key]) =>
          fc.jsonValue({ maxDepth: 2 }).map((value) => ({ category: "extra-field", value: setAt(body, [key], value) })),
        ),
    },
    {
      weight: 5,
      arbitrary: fc
        .constantFrom<unknown>(null, [], [{}], "text", 0, -1.5, true, "")
        .map((value) => ({ category: "not-an-object", value })),
    },
    {
      weight: 1,
      arbitrary: valid.map((body) => ({
        category: "deep-nesting",
        value: paths.length > 0 ? setAt(body, paths[0].path, deepArray(DEEP)) : deepArray(DEEP),
      })),
    },
  ];
  if (paths.length > 0) {
    options.push({ weight: 15, arbitrary: withValue("wrong-type", paths, (p) => wrongTypeFor(p.schema)) });
    options.push({
      weight: 5,
      arbitrary: withValue("odd-string", strings.length > 0 ? strings : paths, () => oddString),
    });
    options.push({
      weight: 2,
      arbitrary: withValue("huge-string", strings.length > 0 ? strings : paths, () => hugeString),
    });
  }
  if (required.length > 0) {
    options.push({
      weight: 10,
      arbitrary: fc
        .tuple(valid, fc.constantFrom(...required))
        .map(([body, target]) => ({ category: "missing-field", value: setAt(body, target.path, undefined, true) })),
    });
  }
  if (boundaries.length > 0) {
    options.push({
      weight: 10,
      arbitrary: fc.tuple(valid, fc.subarray(boundaries, { minLength: 1 })).chain(([body, chosen]) =>
        fc.tuple(...chosen.map((b) => b.values)).map((values) => ({
          category: "boundary",
          value: chosen.reduce((acc, b, i) => setAt(acc, b.path, values[i]), body),
        })),
      ),
    });
  }
  return fc.oneof(...options);
}
