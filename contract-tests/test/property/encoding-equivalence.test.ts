import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, test } from "node:test";
import fc from "fast-check";
import { parse } from "yaml";
import { arbitraryFor, type JsonSchema } from "../../src/property/arbitrary-for.ts";
import { protobufBodies } from "../../src/property/protobuf-bodies.ts";
import { roundTrips } from "../../src/property/round-trip.ts";
import { PROVIDERS, ROOT } from "../../src/registry.ts";

const RUNS = 100;

// Every registered provider's spec joins by its registration alone.
for (const provider of PROVIDERS) {
  const spec = parse(await readFile(join(ROOT, provider.spec), "utf8")) as Record<string, unknown>;
  const bodies = protobufBodies(spec);

  describe(`${provider.name}: every protobuf body carries the same value in JSON, MessagePack and protobuf`, () => {
    test("the spec has bodies offered as protobuf", () => {
      assert.ok(bodies.length > 0);
    });

    for (const body of bodies) {
      test(`${body.direction} ${body.message} (${body.usedBy.join(", ")})`, () => {
        const values = arbitraryFor(body.schema as JsonSchema, { direction: body.direction });
        fc.assert(
          fc.property(values, (value) => {
            const decoded = roundTrips(value, body.schema, body.direction);
            assert.deepEqual(decoded.json, value, "JSON");
            assert.deepEqual(decoded.msgpack, value, "MessagePack");
            assert.deepEqual(decoded.protobuf, value, "protobuf");
          }),
          { numRuns: RUNS, includeErrorInReport: true },
        );
      });
    }
  });
}

describe("the round trip notices a value the encodings do not carry alike", () => {
  const location = {
    type: "object",
    "x-proto-message": "jeeves.v1.Location",
    required: ["place"],
    properties: { place: { type: "string" }, lat: { type: "number" }, lon: { type: "number" } },
  };

  test("-0 comes back as 0 from JSON and MessagePack but as -0 from protobuf, so the arbitraries never make it", () => {
    const decoded = roundTrips({ place: "Paris", lat: -0 }, location, "response");
    assert.notDeepEqual(decoded.json, { place: "Paris", lat: -0 });
    assert.notDeepEqual(decoded.msgpack, { place: "Paris", lat: -0 });
    assert.deepEqual(decoded.protobuf, { place: "Paris", lat: -0 });
  });

  test("a lone surrogate survives JSON only, so the arbitraries never make it", () => {
    assert.throws(() => roundTrips({ place: "\ud800" }, location, "response"), /not valid for encoding utf-8/);
  });

  test("an empty array that is not required is not carried by protobuf", () => {
    const page = {
      type: "object",
      "x-proto-message": "jeeves.v1.UserPage",
      properties: { items: { type: "array", items: {} }, next_cursor: { type: "string" } },
    };
    const decoded = roundTrips({ items: [] }, page, "response");
    assert.deepEqual(decoded.json, { items: [] });
    assert.deepEqual(decoded.msgpack, { items: [] });
    assert.deepEqual(decoded.protobuf, {});
  });
});
