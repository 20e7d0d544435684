import type { JsonType } from "./json-type.ts";
import type { ProtoType } from "./proto-type.ts";

const INT32 = new Set(["int32", "sint32", "sfixed32", "uint32", "fixed32"]);
const INT64 = new Set(["int64", "sint64", "sfixed64", "uint64", "fixed64"]);
const UNSIGNED = new Set(["uint32", "fixed32", "uint64", "fixed64"]);

function sameSet(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((value) => b.includes(value));
}

function compatibleScalar(json: JsonType, proto: ProtoType): boolean {
  switch (json.kind) {
    case "string":
      if (proto.kind === "enum") return json.enum !== undefined && sameSet(json.enum, proto.values);
      if (proto.kind !== "scalar") return false;
      return json.format === "byte" || json.format === "binary" ? proto.type === "bytes" : proto.type === "string";
    case "integer": {
      if (proto.kind !== "scalar") return false;
      const widthOk =
        json.format === "int32"
          ? INT32.has(proto.type)
          : json.format === "int64"
            ? INT64.has(proto.type)
            : INT32.has(proto.type) || INT64.has(proto.type);
      return widthOk && (!UNSIGNED.has(proto.type) || (json.minimum ?? -1) >= 0);
    }
    case "number":
      if (proto.kind !== "scalar") return false;
      return json.format === "double" ? proto.type === "double" : proto.type === "double" || proto.type === "float";
    case "boolean":
      return proto.kind === "scalar" && proto.type === "bool";
    case "message":
      return json.message !== undefined && proto.kind === "message" && proto.name === json.message;
    default:
      return false;
  }
}

/**
 * Whether a JSON schema and a protobuf field carry the same values: string ↔ string (bytes for
 * format byte/binary; a string enum ↔ string or a protobuf enum of the same names), integer ↔ any
 * integer type of the format's width (unsigned ones only when `minimum` ≥ 0), number ↔ double (or
 * float unless the format is double), boolean ↔ bool, an object ↔ the message its x-proto-message names,
 * array ↔ repeated, free-key object ↔ map<string, …>, element by element.
 */
export function compatible(json: JsonType, proto: ProtoType): boolean {
  if (json.kind === "array") return proto.kind === "repeated" && compatible(json.items, proto.element);
  if (json.kind === "map")
    return proto.kind === "map" && proto.key === "string" && compatible(json.values, proto.value);
  if (proto.kind === "repeated" || proto.kind === "map") return false;
  return compatibleScalar(json, proto);
}
