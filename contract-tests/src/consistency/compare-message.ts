import type protobuf from "protobufjs";
import { compatible } from "./compatible.ts";
import { type Node, resolve } from "./contract-schemas.ts";
import { describeSchema, objectShape } from "./json-type.ts";
import { lookupMessage } from "./proto-root.ts";
import { describeField, hasPresence } from "./proto-type.ts";

/** What the comparison of one document's schemas needs. */
export interface CompareContext {
  /** The parsed document, to follow `$ref`s. */
  document: Node;
  /** How differences name the document's side: `OpenAPI` or `AsyncAPI`. */
  side: string;
  root: protobuf.Root;
}

/**
 * Whether the schema forbids an empty array (`minItems` ≥ 1) or map (`minProperties` ≥ 1): then an
 * absent one is the only way to say "none", and protobuf's empty repeated field means just that.
 */
function neverEmpty(context: CompareContext, property: Node, kind: "array" | "map"): boolean {
  const schema = resolve(context.document, property);
  const least = kind === "array" ? schema.minItems : schema.minProperties;
  return typeof least === "number" && least >= 1;
}

function compareField(
  context: CompareContext,
  where: string,
  property: Node,
  required: boolean,
  field: protobuf.FieldBase,
  message: string,
): string[] {
  const json = describeSchema(context.document, property);
  const proto = describeField(field);
  const { side } = context;
  if (!compatible(json, proto)) return [`${where}: ${json.text} in ${side}, ${proto.text} in ${message}`];
  const differences: string[] = [];
  if (json.kind === "array" || json.kind === "map") {
    if (!required && !neverEmpty(context, property, json.kind)) {
      const least = json.kind === "array" ? "minItems" : "minProperties";
      differences.push(
        `${where}: ${json.kind} neither required nor ${least} ≥ 1 in ${side} (protobuf cannot tell an empty ${json.kind} from a missing one)`,
      );
    }
  } else if (json.kind !== "message") {
    // Message fields always track presence in proto3: either way is consistent.
    const optional = hasPresence(field);
    if (!required && !optional) differences.push(`${where}: optional in ${side}, not optional in ${message}`);
    if (required && optional) differences.push(`${where}: required in ${side}, optional in ${message}`);
  }
  // An inline object (no $ref) is not among the document's named schemas: compare it here.
  const inline = property.$ref === undefined ? property : undefined;
  const nested = inline && json.kind === "array" ? (inline.items as Node | undefined) : inline;
  if (nested && nested.$ref === undefined && typeof nested["x-proto-message"] === "string") {
    differences.push(...compareMessage(context, where, nested));
  }
  return differences;
}

/**
 * Compares an object schema with the protobuf message its `x-proto-message` names, one line per
 * difference, each starting with `label`: the message missing, a property without a field or a field
 * without a property, a type that does not match, optionality that differs (a property not in
 * `required` ↔ proto3 `optional` for scalars; arrays and maps required, or never empty).
 */
export function compareMessage(context: CompareContext, label: string, schema: Node): string[] {
  const name = schema["x-proto-message"] as string;
  const type = lookupMessage(context.root, name);
  if (!type) return [`${label}: x-proto-message ${name} is not a message in the .proto files`];
  const { properties, required } = objectShape(context.document, schema);
  const differences: string[] = [];
  for (const [property, node] of Object.entries(properties)) {
    const field = type.fields[property];
    if (!field) {
      differences.push(`${label}.${property}: in ${context.side}, missing from ${name}`);
      continue;
    }
    differences.push(...compareField(context, `${label}.${property}`, node, required.has(property), field, name));
  }
  for (const field of type.fieldsArray) {
    if (!Object.hasOwn(properties, field.name)) {
      differences.push(`${label}.${field.name}: in ${name}, missing from ${context.side}`);
    }
  }
  return differences;
}
