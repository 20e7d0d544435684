import type { FilterSchema } from "@jeeves/codecs";

/** A JSON body's value of a field, described without showing it (a token stays unprinted). */
function described(value: unknown): string {
  if (typeof value === "boolean") return String(value);
  if (typeof value === "number") return "a non-zero number";
  if (typeof value === "string") return "a non-empty string";
  if (Array.isArray(value)) return "a non-empty array";
  return "an object";
}

/** What a protobuf client reads for an absent field of a JSON value's type. */
function clientReads(value: unknown): string {
  if (typeof value === "boolean") return "false";
  if (typeof value === "number") return "0";
  if (typeof value === "string") return '""';
  if (Array.isArray(value)) return "[]";
  return "nothing";
}

/** A value protobuf leaves off the wire (proto3 implicit presence): false, 0, "", [] (and no value). */
function isDefault(value: unknown): boolean {
  return (
    value === undefined ||
    value === null ||
    value === false ||
    value === 0 ||
    value === "" ||
    (Array.isArray(value) && value.length === 0)
  );
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** A schema's properties and required names, its allOf parts merged in. */
function flattened(schema: FilterSchema): { properties: Record<string, FilterSchema>; required: string[] } {
  const properties = { ...(schema.properties ?? {}) };
  const required = [...((schema.required as string[] | undefined) ?? [])];
  for (const part of schema.allOf ?? []) {
    const inner = flattened(part);
    Object.assign(properties, inner.properties);
    required.push(...inner.required);
  }
  return { properties, required };
}

const pointerPart = (key: string) => key.replaceAll("~", "~0").replaceAll("/", "~1");

/**
 * The required fields a protobuf response left off the wire although the same call in JSON gave them a
 * value: proto3 does not write a field at its default (false, 0, "", []), so a server that drops a
 * required field in protobuf only is invisible once the body is completed with defaults. `json` is the
 * JSON body of the same operation, status and request; `present` the protobuf body decoded without
 * defaults (what was on the wire). Walks nested objects, and arrays item by item when both have the same
 * length. Answers one sentence per field, naming its JSON pointer; a required field whose JSON value is
 * itself the default may be absent.
 */
export function fieldsMissingFromWire(
  schema: FilterSchema | undefined,
  json: unknown,
  present: unknown,
  pointer = "",
): string[] {
  if (!schema) return [];
  if (Array.isArray(json) && Array.isArray(present)) {
    if (json.length !== present.length || !schema.items) return [];
    return json.flatMap((item, i) => fieldsMissingFromWire(schema.items, item, present[i], `${pointer}/${i}`));
  }
  if (!isObject(json) || !isObject(present)) return [];
  const { properties, required } = flattened(schema);
  const found: string[] = [];
  for (const name of new Set(required)) {
    const value = json[name];
    const at = `${pointer}/${pointerPart(name)}`;
    if (!isDefault(value) && isDefault(present[name])) {
      found.push(
        `required field ${at} is absent from the protobuf body (a protobuf client reads ${clientReads(value)}), ` +
          `while the same call in JSON answers ${described(value)}`,
      );
    }
  }
  for (const [name, value] of Object.entries(json)) {
    const property = properties[name];
    if (property && name in present) {
      found.push(...fieldsMissingFromWire(property, value, present[name], `${pointer}/${pointerPart(name)}`));
    }
  }
  return found;
}
