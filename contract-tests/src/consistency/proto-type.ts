import protobuf from "protobufjs";

/** What a protobuf field carries, as the comparison with a JSON schema needs it. */
export type ProtoType =
  | { kind: "scalar"; type: string; text: string }
  | { kind: "enum"; name: string; values: string[]; text: string }
  | { kind: "message"; name: string; text: string }
  | { kind: "repeated"; element: ProtoType; text: string }
  | { kind: "map"; key: string; value: ProtoType; text: string };

/** A full name without the leading dot protobufjs keeps: `jeeves.v1.User`. */
export function fullName(object: protobuf.ReflectionObject): string {
  return object.fullName.replace(/^\./, "");
}

function element(field: protobuf.FieldBase): ProtoType {
  const resolved = field.resolvedType;
  if (resolved instanceof protobuf.Type)
    return { kind: "message", name: fullName(resolved), text: `message ${fullName(resolved)}` };
  if (resolved instanceof protobuf.Enum) {
    const values = Object.keys(resolved.values);
    return {
      kind: "enum",
      name: fullName(resolved),
      values,
      text: `enum ${fullName(resolved)} [${values.join(", ")}]`,
    };
  }
  return { kind: "scalar", type: field.type, text: field.type };
}

/** Describes a (resolved) protobuf field: its element type, and whether it is repeated or a map. */
export function describeField(field: protobuf.FieldBase): ProtoType {
  const value = element(field);
  if (field instanceof protobuf.MapField || field.map) {
    const key = (field as protobuf.MapField).keyType;
    return { kind: "map", key, value, text: `map<${key}, ${value.text}>` };
  }
  if (field.repeated) return { kind: "repeated", element: value, text: `repeated ${value.text}` };
  return value;
}

/**
 * Whether a singular field tracks presence: proto3 `optional` (and oneof members, proto2 optional,
 * editions' explicit presence). Plain proto3 scalars do not: their default is never on the wire.
 */
export function hasPresence(field: protobuf.FieldBase): boolean {
  return Boolean((field as unknown as { hasPresence?: boolean }).hasPresence);
}
