import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { spec } from "@jeeves/generated/specs/dataservice";
import {
  type BodySchema,
  decodeBody,
  decodeProtobuf,
  encodeBody,
  encodeProtobuf,
  messageClass,
  PROTOBUF_TYPE,
  SpecIndex,
} from "../src/index.ts";

const schemas = (new SpecIndex(spec).document.components as { schemas: Record<string, BodySchema> }).schemas;
const roundTrip = (name: string, value: unknown, complete: boolean) =>
  decodeBody(PROTOBUF_TYPE, encodeBody(PROTOBUF_TYPE, value, schemas[name], "request"), schemas[name], complete);

describe("protobuf", () => {
  it("complete=false leaves a missing required string absent", () => {
    const decoded = roundTrip("UserCreate", { email: "bertie@example.com" }, false) as Record<string, unknown>;
    assert.deepEqual(decoded, { email: "bertie@example.com" });
    assert.equal("display_name" in decoded, false);
    assert.deepEqual(roundTrip("Credentials", { email: "bertie@example.com" }, false), { email: "bertie@example.com" });
  });

  it("complete=false: an empty required string cannot be told from a missing one", () => {
    assert.deepEqual(roundTrip("SettingValue", { value: "" }, false), {});
  });

  it("complete=true fills required scalars with their defaults", () => {
    assert.deepEqual(roundTrip("UserCreate", {}, true), { display_name: "" });
    assert.deepEqual(roundTrip("User", { id: "x" }, true), {
      id: "x",
      display_name: "",
      is_admin: false,
      created_at: "",
      updated_at: "",
    });
  });

  it("complete=true leaves proto3 optional fields absent", () => {
    assert.deepEqual(roundTrip("Location", { place: "Paris" }, true), { place: "Paris" });
  });

  it("keeps zero values of optional fields that were sent", () => {
    assert.deepEqual(roundTrip("Location", { place: "Null Island", lat: 0, lon: 0 }, true), {
      place: "Null Island",
      lat: 0,
      lon: 0,
    });
    assert.deepEqual(roundTrip("UserCreate", { display_name: "B", is_admin: false }, false), {
      display_name: "B",
      is_admin: false,
    });
  });

  it("an empty required array comes back as []; an empty optional one stays absent", () => {
    assert.deepEqual(roundTrip("SettingList", { items: [] }, true), { items: [] });
    assert.deepEqual(roundTrip("SettingList", { items: [] }, false), { items: [] });
    assert.deepEqual(roundTrip("Problem", { type: "t", title: "T", status: 400, errors: [] }, true), {
      type: "t",
      title: "T",
      status: 400,
    });
    assert.deepEqual(roundTrip("Health", { status: "ok", service: "s", checks: [] }, true), {
      status: "ok",
      service: "s",
      checks: [],
    });
  });

  it("nested messages keep their fields", () => {
    const problem = {
      type: "urn:jeeves:problem:validation",
      title: "Bad Request",
      status: 400,
      errors: [{ field: "/body/email", message: "is required" }],
    };
    assert.deepEqual(roundTrip("Problem", problem, true), problem);
  });

  it("an empty body is the all-defaults message", () => {
    assert.deepEqual(decodeBody(PROTOBUF_TYPE, new Uint8Array(), schemas.Setting, true), {
      key: "",
      value: "",
      updated_at: "",
    });
    assert.deepEqual(decodeBody(PROTOBUF_TYPE, new Uint8Array(), schemas.Setting, false), {});
  });

  it("finds message classes by full name and caches them", () => {
    assert.equal(messageClass("jeeves.v1.User"), messageClass("jeeves.v1.User"));
    assert.throws(() => messageClass("jeeves.v1.Nope"), /no protobuf message jeeves\.v1\.Nope/);
    assert.throws(() => messageClass("jeeves.v1"), /no protobuf message/);
  });

  it("encodeProtobuf refuses fields the message lacks; encodeBody drops what the schema does not declare first", () => {
    assert.throws(
      () => encodeProtobuf("jeeves.v1.SettingValue", { value: "metric", junk: 1 }),
      /jeeves\.v1\.SettingValue\.junk: the message has no such field/,
    );
    const bytes = encodeBody(PROTOBUF_TYPE, { value: "metric", junk: 1 }, schemas.SettingValue, "request");
    assert.deepEqual(decodeProtobuf("jeeves.v1.SettingValue", bytes, false), { value: "metric" });
  });
});

describe("protobuf strict decoding (request bodies)", () => {
  const health = Buffer.from([0x0a, 2, ...Buffer.from("ok"), 0x12, 1, ...Buffer.from("x")]);

  it("refuses a declared field sent with another wire type, and names it", () => {
    const varintStatus = Buffer.from([0x08, 42, 0x12, 1, ...Buffer.from("x")]);
    assert.throws(
      () => decodeProtobuf("jeeves.v1.Health", varintStatus, true, true),
      /jeeves\.v1\.Health\.status: field 1 came with wire type 0 \(varint\); a string field takes 2 \(length-delimited\)$/,
    );
    assert.deepEqual(
      decodeProtobuf("jeeves.v1.Health", varintStatus, false),
      { service: "x", checks: [] },
      "without strict, it is skipped",
    );
  });

  it("refuses a field the message (or a nested one) does not have; a well-formed message passes", () => {
    const unknownTop = Buffer.concat([health, Buffer.from([0x48, 1])]);
    const unknownNested = Buffer.concat([health, Buffer.from([0x1a, 2, 0x48, 1])]);
    assert.throws(() => decodeProtobuf("jeeves.v1.Health", unknownTop, true, true), /field 9 \(wire type 0\)/);
    assert.throws(() => decodeProtobuf("jeeves.v1.Health", unknownNested, true, true), /checks\[0\]: field 9/);
    const varintNestedName = Buffer.concat([health, Buffer.from([0x1a, 2, 0x08, 1])]);
    assert.throws(
      () => decodeProtobuf("jeeves.v1.Health", varintNestedName, true, true),
      /jeeves\.v1\.Health\.checks\[0\]\.name: field 1 came with wire type 0 \(varint\); a string field takes 2/,
    );
    assert.deepEqual(decodeProtobuf("jeeves.v1.Health", health, false, true), {
      status: "ok",
      service: "x",
      checks: [],
    });
  });
});
