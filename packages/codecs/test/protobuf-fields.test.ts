import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import protobuf from "protobufjs";
import { type FieldKind, type FieldShape, messageClass, messageShape } from "../src/index.ts";
import { kindsFixture } from "./kinds-fixture.ts";

const PROTO_DIR = fileURLToPath(new URL("../../../specs/proto/", import.meta.url));

/** specs/proto loaded with reflection (snake_case names kept), as the generator reads it. */
function specsRoot(): protobuf.Root {
  const files = readdirSync(PROTO_DIR, { recursive: true, encoding: "utf8" })
    .filter((file) => file.endsWith(".proto"))
    .map((file) => join(PROTO_DIR, file));
  const root = new protobuf.Root();
  root.resolvePath = (_origin, target) => (target.startsWith(PROTO_DIR) ? target : join(PROTO_DIR, target));
  root.loadSync(files, { keepCase: true });
  root.resolveAll();
  return root;
}

function messagesOf(namespace: protobuf.NamespaceBase): protobuf.Type[] {
  return namespace.nestedArray.flatMap((nested) => [
    ...(nested instanceof protobuf.Type ? [nested] : []),
    ...(nested instanceof protobuf.Namespace ? messagesOf(nested) : []),
  ]);
}

const BASIC_WIRE_TYPES = protobuf.types.basic as Record<string, number>;

const KIND_OF_TYPE: Record<string, FieldKind> = {
  string: "string",
  bool: "bool",
  int32: "int32",
  sint32: "int32",
  sfixed32: "int32",
  uint32: "uint32",
  fixed32: "uint32",
  int64: "int64",
  sint64: "int64",
  sfixed64: "int64",
  uint64: "uint64",
  fixed64: "uint64",
  double: "double",
  float: "double",
  bytes: "bytes",
};

/** What the shape of a reflected field should be. */
function expectedShape(field: protobuf.Field): string {
  const container = field.map ? "map" : field.repeated ? "repeated" : "single";
  const resolved = field.resolvedType;
  const kind =
    resolved instanceof protobuf.Type
      ? "message"
      : resolved instanceof protobuf.Enum
        ? "enum"
        : KIND_OF_TYPE[field.type];
  const packed = field.repeated && !field.map && kind !== "message" && kind !== "string" && kind !== "bytes";
  const itemWireType = packed ? (kind === "enum" ? 0 : BASIC_WIRE_TYPES[field.type]) : undefined;
  const wireType =
    field.map || field.repeated
      ? packed || field.map
        ? 2
        : (itemWireType ?? 2)
      : kind === "enum"
        ? 0
        : (BASIC_WIRE_TYPES[field.type] ?? 2);
  return `${container} ${kind} #${field.id} wire ${wireType}${itemWireType === undefined ? "" : ` items ${itemWireType}`}`;
}

/** A shape as the same text. */
function shown(field: FieldShape): string {
  const items = field.itemWireType === undefined ? "" : ` items ${field.itemWireType}`;
  return `${field.container} ${field.kind} #${field.id} wire ${field.wireType}${items}`;
}

describe("messageShape", () => {
  it("reads every generated message's fields as specs/proto declares them", () => {
    const messages = messagesOf(specsRoot());
    assert.ok(messages.length >= 25, `only ${messages.length} messages`);
    for (const message of messages) {
      const name = message.fullName.slice(1);
      const shape = messageShape(messageClass(name));
      const got = Object.fromEntries([...shape].map(([field, s]) => [field, shown(s)]));
      const want = Object.fromEntries(message.fieldsArray.map((field) => [field.name, expectedShape(field)]));
      assert.deepEqual(got, want, name);
      for (const field of message.fieldsArray) {
        if (field.resolvedType instanceof protobuf.Type) {
          assert.equal(shape.get(field.name)?.message, messageClass(field.resolvedType.fullName.slice(1)), field.name);
        }
      }
    }
  });

  it("tells every scalar type, enum, message, repeated field and map apart", () => {
    const { Kinds, Inner, type } = kindsFixture();
    const shape = messageShape(Kinds);
    const got = Object.fromEntries([...shape].map(([field, s]) => [field, shown(s)]));
    const want = Object.fromEntries(type.fieldsArray.map((field) => [field.name, expectedShape(field)]));
    assert.deepEqual(got, want);
    assert.equal(shape.get("inner")?.message, Inner);
    assert.equal(shape.get("mi")?.message, Inner);
    assert.equal(shape.get("color")?.zero, "COLOR_UNSPECIFIED");
  });

  it("learns a class once", () => {
    const User = messageClass("jeeves.v1.User");
    assert.equal(messageShape(User), messageShape(User));
  });
});
