import type { BodyDirection } from "@jeeves/codecs";

/** The formats Gavel's validator (ajv 6) knows; any other format would make it throw, so it is dropped. */
const KNOWN_FORMATS = new Set([
  "date",
  "time",
  "date-time",
  "uri",
  "uri-reference",
  "uri-template",
  "url",
  "email",
  "hostname",
  "ipv4",
  "ipv6",
  "regex",
  "uuid",
  "json-pointer",
  "relative-json-pointer",
]);

/** OpenAPI-only keywords a JSON Schema validator must not see. */
const OPENAPI_ONLY = new Set([
  "example",
  "examples",
  "xml",
  "externalDocs",
  "deprecated",
  "discriminator",
  "nullable",
  "readOnly",
  "writeOnly",
]);

type Schema = Record<string, unknown>;

function convert(schema: unknown, direction: BodyDirection, seen: Set<unknown>): unknown {
  if (schema === null || typeof schema !== "object" || Array.isArray(schema)) return schema;
  if (seen.has(schema)) throw new Error("recursive schemas are not supported by the Dredd hooks");
  seen.add(schema);
  const source = schema as Schema;
  const hidden = direction === "response" ? "writeOnly" : "readOnly";
  const out: Schema = {};
  for (const [key, value] of Object.entries(source)) {
    if (OPENAPI_ONLY.has(key) || key.startsWith("x-")) continue;
    if (key === "format" && !KNOWN_FORMATS.has(String(value))) continue;
    if (key === "properties") {
      const properties: Schema = {};
      for (const [name, property] of Object.entries(value as Schema)) {
        // A writeOnly property must not come back in a response: with additionalProperties false it is refused.
        if ((property as Schema)?.[hidden] === true) continue;
        properties[name] = convert(property, direction, seen);
      }
      out.properties = properties;
    } else if (key === "required") {
      const properties = (source.properties ?? {}) as Schema;
      out.required = (value as string[]).filter((name) => (properties[name] as Schema | undefined)?.[hidden] !== true);
    } else if (Array.isArray(value)) {
      out[key] = value.map((item) => convert(item, direction, seen));
    } else if (key === "enum" || key === "const" || key === "default") {
      out[key] = value;
    } else {
      out[key] = convert(value, direction, seen);
    }
  }
  if (source.nullable === true && typeof source.type === "string") out.type = [source.type, "null"];
  seen.delete(schema);
  return out;
}

/**
 * Turns a (dereferenced) OpenAPI 3.0 schema into the draft-07 JSON Schema that Dredd's validator (Gavel)
 * checks bodies with: OpenAPI-only keywords and extensions dropped, `nullable` as a type union, formats
 * ajv 6 does not know (int32, double…) dropped, and writeOnly properties removed from responses (readOnly
 * from requests) so that a body leaking one fails `additionalProperties: false`.
 */
export function toGavelSchema(schema: Schema, direction: BodyDirection = "response"): Schema {
  const converted = convert(schema, direction, new Set()) as Schema;
  return { $schema: "http://json-schema.org/draft-07/schema#", ...converted };
}
