import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { spec } from "@jeeves/generated/specs/dataservice";
import { type BodySchema, decodeBody, MalformedBodyError, SpecIndex } from "../src/index.ts";

const schemas = (new SpecIndex(spec).document.components as { schemas: Record<string, BodySchema> }).schemas;

describe("malformed bodies throw MalformedBodyError", () => {
  const cases: Array<[name: string, mediaType: string, bytes: number[] | string]> = [
    ["JSON cut short", "application/json", '{"display_name":'],
    ["JSON empty", "application/json", ""],
    ["JSON not JSON", "application/json", "display_name=Bertie"],
    ["problem+json cut short", "application/problem+json", '{"status":4'],
    ["msgpack empty", "application/msgpack", []],
    ["msgpack never-used byte 0xc1", "application/msgpack", [0xc1]],
    ["msgpack 0xc1 inside a map", "application/msgpack", [0x81, 0xa1, 0x61, 0xc1]],
    ["msgpack array cut short", "application/msgpack", [0x92, 0x01]],
    ["msgpack str cut short", "application/msgpack", [0xd9, 0x05, 0x61]],
    ["msgpack trailing bytes", "application/msgpack", [0x01, 0x02]],
    ["protobuf length beyond the end", "application/x-protobuf", [0x0a, 0x05, 0x61]],
    ["protobuf invalid wire type", "application/x-protobuf", [0x0f]],
    ["protobuf varint cut short", "application/x-protobuf", [0x30, 0xff, 0xff]],
    ["protobuf tag without value", "application/x-protobuf", [0x08]],
    ["an unsupported media type", "text/plain", "hello"],
  ];
  for (const [name, mediaType, raw] of cases) {
    it(name, () => {
      const bytes = typeof raw === "string" ? Buffer.from(raw) : Uint8Array.from(raw);
      assert.throws(
        () => decodeBody(mediaType, bytes, schemas.User, true),
        (error: unknown) =>
          error instanceof MalformedBodyError &&
          error.name === "MalformedBodyError" &&
          error.message.startsWith(`malformed ${mediaType} body: `) &&
          error.cause instanceof Error,
      );
    });
  }

  it("protobuf without a message name is malformed too", () => {
    assert.throws(() => decodeBody("application/x-protobuf", new Uint8Array(), { type: "object" }), MalformedBodyError);
  });
});
