import { type Node, resolve } from "./contract-schemas.ts";

/** What a property's schema says about its wire type, as the comparison with protobuf needs it. */
export type JsonType =
  | { kind: "string"; format?: string; enum?: string[]; text: string }
  | { kind: "integer" | "number"; format?: string; minimum?: number; text: string }
  | { kind: "boolean"; text: string }
  /** An object: `message` is its x-proto-message (undefined when it names none). */
  | { kind: "message"; message?: string; text: string }
  | { kind: "array"; items: JsonType; text: string }
  /** An object of free keys (`additionalProperties: <schema>`, no properties): a protobuf map. */
  | { kind: "map"; values: JsonType; text: string }
  | { kind: "unknown"; text: string };

/** The properties and required names of an object schema, `allOf` parts merged in. */
export function objectShape(document: Node, schema: Node): { properties: Record<string, Node>; required: Set<string> } {
  const properties: Record<string, Node> = {};
  const required = new Set<string>();
  const visit = (node: Node) => {
    const s = resolve(document, node);
    for (const part of (s.allOf as Node[] | undefined) ?? []) visit(part);
    Object.assign(properties, (s.properties as Record<string, Node> | undefined) ?? {});
    for (const name of (s.required as string[] | undefined) ?? []) required.add(name);
  };
  visit(schema);
  return { properties, required };
}

function typeOf(schema: Node): string | undefined {
  if (typeof schema.type === "string") return schema.type;
  if (Array.isArray(schema.type)) return (schema.type as string[]).find((t) => t !== "null");
  if (schema.properties || schema.allOf || schema["x-proto-message"]) return "object";
  if (Array.isArray(schema.enum) && schema.enum.every((v) => typeof v === "string")) return "string";
  return undefined;
}

/** Describes a property's schema (its `$ref`s followed) for the comparison with a protobuf field. */
export function describeSchema(document: Node, node: Node): JsonType {
  const schema = resolve(document, node);
  const format = typeof schema.format === "string" ? schema.format : undefined;
  switch (typeOf(schema)) {
    case "string": {
      const values = Array.isArray(schema.enum) ? schema.enum.map(String) : undefined;
      if (values) return { kind: "string", format, enum: values, text: `string enum [${values.join(", ")}]` };
      return {
        kind: "string",
        format,
        text: format === "byte" || format === "binary" ? `string (${format})` : "string",
      };
    }
    case "integer":
    case "number": {
      const kind = schema.type as "integer" | "number";
      const minimum = typeof schema.minimum === "number" ? schema.minimum : undefined;
      return { kind, format, minimum, text: format ? `${kind} (${format})` : kind };
    }
    case "boolean":
      return { kind: "boolean", text: "boolean" };
    case "array": {
      const items = describeSchema(document, (schema.items as Node | undefined) ?? {});
      return { kind: "array", items, text: `array of ${items.text}` };
    }
    case "object": {
      const message = schema["x-proto-message"];
      if (typeof message === "string") return { kind: "message", message, text: `message ${message}` };
      const extra = schema.additionalProperties;
      if (extra && typeof extra === "object" && !schema.properties && !schema.allOf) {
        const values = describeSchema(document, extra as Node);
        return { kind: "map", values, text: `map<string, ${values.text}>` };
      }
      return { kind: "message", text: "object without x-proto-message" };
    }
    default:
      return { kind: "unknown", text: "schema without a type" };
  }
}
