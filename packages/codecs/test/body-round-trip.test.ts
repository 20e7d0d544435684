import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { spec } from "@jeeves/generated/specs/dataservice";
import { BODY_TYPES, type BodySchema, decodeBody, encodeBody, PROTOBUF_TYPE, SpecIndex } from "../src/index.ts";

const index = new SpecIndex(spec);
const schemas = (index.document.components as { schemas: Record<string, BodySchema> }).schemas;
const withExample = Object.entries(schemas).filter(([, schema]) => schema.example !== undefined);
/** Messages the spec sends as request bodies: encoded the way a client does, writeOnly fields kept. */
const requestMessages = new Set(
  [...index.byId.values()].map((op) => op.requestBody?.schema?.["x-proto-message"]).filter(Boolean),
);

describe("body round trips of the dataservice examples", () => {
  it("covers every message schema that has an example", () => {
    const messages = withExample.filter(([, schema]) => schema["x-proto-message"]).map(([name]) => name);
    assert.ok(messages.length >= 14, `only ${messages.join(", ")}`);
    for (const name of ["User", "UserCreate", "Credentials", "Problem", "Location", "WorkspaceInstall"]) {
      assert.ok(messages.includes(name), name);
    }
  });

  for (const [name, schema] of withExample) {
    const message = schema["x-proto-message"];
    const direction = message && requestMessages.has(message) ? "request" : "response";
    for (const type of BODY_TYPES) {
      if (type === PROTOBUF_TYPE && !message) continue;
      it(`${name} as ${type} (${direction})`, () => {
        const bytes = encodeBody(type, schema.example, schema, direction);
        assert.ok(Buffer.isBuffer(bytes));
        assert.deepEqual(decodeBody(type, bytes, schema, true), schema.example);
      });
    }
  }

  it("protobuf needs a schema naming its message", () => {
    assert.throws(() => encodeBody(PROTOBUF_TYPE, "T0123ABCD", schemas.SlackTeamId), /x-proto-message/);
    assert.throws(() => encodeBody(PROTOBUF_TYPE, {}, undefined), /x-proto-message/);
  });

  it("a response drops writeOnly fields in every encoding", () => {
    const { example } = schemas.UserCreate as { example: Record<string, unknown> };
    assert.equal(example.password, "what-ho-jeeves");
    for (const type of BODY_TYPES) {
      const decoded = decodeBody(type, encodeBody(type, example, schemas.UserCreate), schemas.UserCreate, true);
      assert.deepEqual(decoded, { email: example.email, display_name: example.display_name }, type);
    }
  });

  it("drops properties the schema does not declare in every encoding", () => {
    const value = { ...(schemas.Setting.example as object), secret: "x" };
    for (const type of BODY_TYPES) {
      assert.deepEqual(
        decodeBody(type, encodeBody(type, value, schemas.Setting), schemas.Setting, true),
        schemas.Setting.example,
      );
    }
  });

  it("reads JSON whatever the charset parameter and problem+json", () => {
    const problem = schemas.Problem.example;
    const bytes = encodeBody("application/json; charset=utf-8", problem, schemas.Problem);
    assert.deepEqual(decodeBody("application/problem+json", bytes, schemas.Problem), problem);
    assert.deepEqual(decodeBody("Application/JSON; charset=utf-8", bytes, undefined), problem);
  });
});
