import assert from "node:assert/strict";
import { test } from "node:test";
import { type BodySchema, decodeBody, encodeBody, PROTOBUF_TYPE } from "@jeeves/codecs";
import { fieldsMissingFromWire } from "../../src/dredd/hooks/protobuf-presence.ts";
import { planOf } from "./helpers.ts";

const index = planOf("dataservice").index;
const pageSchema = index.response(index.operation("listUsers"), 200)?.schema as BodySchema;
const userSchema = index.response(index.operation("getUser"), 200)?.schema as BodySchema;
const USER = {
  id: "0190b8a2-7c1e-7d4a-9f3e-5b2a1c0d9e8f",
  display_name: "Bertie Wooster",
  is_admin: false,
  created_at: "2026-11-28T08:00:00.000Z",
  updated_at: "2026-11-28T08:00:00.000Z",
};
const ADMIN = { ...USER, display_name: "Jeeves", is_admin: true };

/** What a protobuf client finds on the wire for a value a server encoded. */
const onTheWire = (value: unknown, schema: BodySchema) =>
  decodeBody(PROTOBUF_TYPE, encodeBody(PROTOBUF_TYPE, value, schema), schema, false);

test("a required field the JSON answer sets but the protobuf wire lacks is named by its pointer", () => {
  const { is_admin: _dropped, ...adminWithout } = ADMIN;
  const { is_admin: _too, ...userWithout } = USER;
  const json = { items: [ADMIN, USER] };
  const present = onTheWire({ items: [adminWithout, userWithout] }, pageSchema);
  assert.deepEqual(fieldsMissingFromWire(pageSchema, json, present), [
    "required field /items/0/is_admin is absent from the protobuf body (a protobuf client reads false), " +
      "while the same call in JSON answers true",
  ]);
});

test("a required field whose JSON value is the default may be absent; an optional one is not checked", () => {
  assert.deepEqual(fieldsMissingFromWire(userSchema, USER, onTheWire(USER, userSchema)), []);
  const withEmail = { ...USER, email: "bertie@example.com" };
  assert.deepEqual(fieldsMissingFromWire(userSchema, withEmail, onTheWire(USER, userSchema)), []);
  assert.deepEqual(fieldsMissingFromWire(pageSchema, { items: [] }, onTheWire({ items: [] }, pageSchema)), []);
});

test("strings, numbers and arrays are described without their values", () => {
  const { display_name: _dropped, ...without } = USER;
  assert.deepEqual(fieldsMissingFromWire(userSchema, USER, onTheWire(without, userSchema)), [
    'required field /display_name is absent from the protobuf body (a protobuf client reads ""), ' +
      "while the same call in JSON answers a non-empty string",
  ]);
  assert.deepEqual(fieldsMissingFromWire(pageSchema, { items: [USER] }, onTheWire({ items: [] }, pageSchema)), [
    "required field /items is absent from the protobuf body (a protobuf client reads []), " +
      "while the same call in JSON answers a non-empty array",
  ]);
  const counter = { type: "object", required: ["count"], properties: { count: { type: "integer" } } };
  assert.match(
    fieldsMissingFromWire(counter, { count: 3 }, {}).join(),
    /reads 0\), while .* answers a non-zero number/,
  );
});

test("allOf parts are merged; arrays of another length are not compared item by item", () => {
  const schema = {
    allOf: [{ type: "object", required: ["a"], properties: { a: { type: "string" } } }],
    required: ["list"],
    properties: {
      list: { type: "array", items: { type: "object", required: ["on"], properties: { on: { type: "boolean" } } } },
    },
  };
  assert.deepEqual(fieldsMissingFromWire(schema, { a: "x", list: [{ on: true }] }, { list: [{ on: true }] }), [
    'required field /a is absent from the protobuf body (a protobuf client reads ""), while the same call in JSON answers a non-empty string',
  ]);
  assert.deepEqual(
    fieldsMissingFromWire(schema, { a: "x", list: [{ on: true }, { on: true }] }, { a: "x", list: [{}] }),
    [],
  );
  assert.deepEqual(fieldsMissingFromWire(undefined, { a: "x" }, {}), []);
});
