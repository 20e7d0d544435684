import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { protobufWireGarbage } from "../../src/fuzz/protobuf-wire.ts";

/** The field number of a byte string's first key (a varint), when it has one. */
function firstField(bytes: Buffer): number {
  let tag = 0;
  for (let i = 0, shift = 0; i < bytes.length && i < 5; i++, shift += 7) {
    tag += (bytes[i] & 0x7f) * 2 ** shift;
    if ((bytes[i] & 0x80) === 0) break;
  }
  return Math.floor(tag / 8);
}

test("wire garbage for a message uses its own field numbers (and some it lacks)", () => {
  const fields = new Set(
    fc.sample(protobufWireGarbage("jeeves.v1.WeatherReport"), { numRuns: 400, seed: 7 }).map(firstField),
  );
  assert.ok(fields.has(11), "the last field of WeatherReport (demo = 11)");
  for (const field of fields)
    assert.ok(field <= 11 || field === 99 || field === 536_870_911 || field === 0, String(field));
  const unknown = new Set(fc.sample(protobufWireGarbage("jeeves.v1.Nope"), { numRuns: 200, seed: 7 }).map(firstField));
  assert.ok(
    ![...unknown].some((field) => field > 4 && field !== 99 && field !== 536_870_911),
    "1 to 4 for an unknown message",
  );
});
