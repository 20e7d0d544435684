import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { spec } from "@jeeves/generated/specs/dataservice";
import { Packr, unpack } from "msgpackr";
import { type BodySchema, decodeMsgpack, encodeBody, encodeMsgpack, MSGPACK_TYPE, SpecIndex } from "../src/index.ts";

const schemas = (new SpecIndex(spec).document.components as { schemas: Record<string, BodySchema> }).schemas;

/** Whether the bytes hold msgpackr's record extension (0xd4 0x72: fixext 1 of type "r"). */
function hasRecordExtension(bytes: Uint8Array): boolean {
  for (let i = 0; i + 1 < bytes.length; i++) if (bytes[i] === 0xd4 && bytes[i + 1] === 0x72) return true;
  return false;
}

describe("MessagePack", () => {
  it("the record check would catch msgpackr's records", () => {
    const user = schemas.User.example;
    assert.ok(hasRecordExtension(new Packr().pack(user)));
  });

  for (const name of ["User", "UserPage", "Workspace", "Health"]) {
    it(`writes ${name} as plain maps any decoder reads`, () => {
      const { example } = schemas[name];
      const bytes = encodeBody(MSGPACK_TYPE, example, schemas[name]);
      assert.ok(bytes[0] >= 0x80 && bytes[0] <= 0x8f, `map header, got 0x${bytes[0].toString(16)}`);
      assert.equal(hasRecordExtension(bytes), false);
      const decoded = unpack(bytes);
      assert.equal(Object.getPrototypeOf(decoded), Object.prototype);
      assert.deepEqual(decoded, example);
    });
  }

  it("reads maps written by another encoder", () => {
    const bytes = new Packr({ useRecords: false }).pack({ a: [1, { b: "c" }], n: null, f: 1.5 });
    assert.deepEqual(decodeMsgpack(bytes), { a: [1, { b: "c" }], n: null, f: 1.5 });
  });

  it("an earlier result survives later encodings", () => {
    const first = encodeMsgpack({ a: "first" });
    const copy = Buffer.from(first);
    for (let i = 0; i < 1000; i++) encodeMsgpack({ filler: "x".repeat(100), i });
    assert.deepEqual(first, copy);
  });

  it("decodes from a view into a larger buffer", () => {
    const bytes = encodeMsgpack({ a: 1 });
    const padded = new Uint8Array(bytes.length + 4);
    padded.set(bytes, 2);
    assert.deepEqual(decodeMsgpack(padded.subarray(2, 2 + bytes.length)), { a: 1 });
  });
});
