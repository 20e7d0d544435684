import { messageClass, messageShape } from "@jeeves/codecs";
import fc from "fast-check";

/** A protobuf varint. */
function varint(value: number): number[] {
  const out: number[] = [];
  let rest = value;
  while (rest > 0x7f) {
    out.push((rest & 0x7f) | 0x80);
    rest = Math.floor(rest / 128);
  }
  out.push(rest);
  return out;
}

/** A field key: field number and wire type (0 varint, 1 fixed64, 2 length-delimited, 3/4 groups, 5 fixed32). */
function key(field: number, wireType: number): number[] {
  return varint(field * 8 + wireType);
}

/** The field numbers of a message (1 to 4 when it is unknown). */
function fieldNumbers(message: string | undefined): number[] {
  if (!message) return [1, 2, 3, 4];
  try {
    const ids = [...messageShape(messageClass(message)).values()].map((field) => field.id);
    return ids.length > 0 ? ids : [1, 2, 3, 4];
  } catch {
    return [1, 2, 3, 4];
  }
}

/**
 * Protobuf bytes that break the wire format for `message`: a known field with the wrong wire type, a
 * length beyond the end, a varint longer than 10 bytes, groups (deprecated) and the reserved wire types
 * 6 and 7, field number 0, invalid UTF-8 in a length-delimited field, a huge length, nesting 5000 deep.
 */
export function protobufWireGarbage(message: string | undefined): fc.Arbitrary<Buffer> {
  const fields = fieldNumbers(message);
  const field = fc.constantFrom(...fields, 99, 536_870_911);
  return fc.oneof(
    fc
      .tuple(field, fc.constantFrom(0, 1, 2, 5))
      .map(([f, wire]) =>
        Buffer.from([...key(f, wire), ...(wire === 2 ? [0x05, 0x61] : wire === 0 ? [0x01] : [0x00, 0x00])]),
      ),
    field.map((f) => Buffer.from([...key(f, 2), 0xff, 0xff, 0xff, 0xff, 0x0f, 0x61])),
    field.map((f) =>
      Buffer.from([...key(f, 0), 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01]),
    ),
    fc.tuple(field, fc.constantFrom(3, 4, 6, 7)).map(([f, wire]) => Buffer.from([...key(f, wire), 0x00])),
    fc.constant(Buffer.from([0x00, 0x01])),
    field.map((f) => Buffer.from([...key(f, 2), 0x04, 0xff, 0xfe, 0xc0, 0x80])),
    field.map((f) => Buffer.from([...key(f, 2), ...varint(2 ** 31)])),
    field.map((f) => {
      const depth = 5_000;
      const bytes: number[] = [];
      for (let i = 0; i < depth; i++) bytes.push(...key(f, 3));
      return Buffer.from(bytes);
    }),
  );
}
