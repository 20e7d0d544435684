import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { spec } from "@jeeves/generated/specs/dataservice";
import { BODY_TYPES, essence, MEDIA_TYPE_OF, SpecIndex } from "../src/index.ts";

const index = new SpecIndex(spec);

describe("SpecIndex", () => {
  it("finds operations by route and by id", () => {
    const op = index.byRoute.get("GET /users/{userId}");
    assert.equal(op?.operationId, "getUser");
    assert.equal(index.operation("getUser"), op);
    assert.deepEqual(op?.successTypes, [...BODY_TYPES]);
    assert.deepEqual(op?.security, [{ oauth2: ["users:read"] }]);
    assert.throws(() => index.operation("nope"), /no operation nope/);
  });

  it("dereferences request and response schemas", () => {
    const op = index.operation("createUser");
    assert.deepEqual(op.requestBody?.mediaTypes, [...BODY_TYPES]);
    assert.equal(op.requestBody?.schema?.["x-proto-message"], "jeeves.v1.UserCreate");
    assert.equal(index.response(op, 201)?.schema?.["x-proto-message"], "jeeves.v1.User");
    assert.deepEqual(index.response(op, 409)?.mediaTypes, ["application/problem+json"]);
    assert.equal(index.response(op, 409)?.schema?.["x-proto-message"], "jeeves.v1.Problem");
  });

  it("knows whether a request body is required", () => {
    assert.equal(index.operation("createUser").requestBody?.required, true);
    const optional = new SpecIndex({
      paths: { "/x": { post: { operationId: "x", requestBody: { content: { "application/json": {} } } } } },
    });
    assert.equal(optional.operation("x").requestBody?.required, undefined);
  });

  it("falls back to nXX then default, and knows bodiless responses", () => {
    const op = {
      ...index.operation("deleteUser"),
      responses: {
        "204": { mediaTypes: [], schema: undefined },
        "5XX": { mediaTypes: ["a/b"], schema: undefined },
        default: { mediaTypes: ["c/d"], schema: undefined },
      },
    };
    assert.deepEqual(index.response(op, 204), { mediaTypes: [], schema: undefined });
    assert.deepEqual(index.response(op, 503)?.mediaTypes, ["a/b"]);
    assert.deepEqual(index.response(op, 418)?.mediaTypes, ["c/d"]);
    assert.equal(index.response(index.operation("deleteUser"), 418), undefined);
  });

  it("uses the document's security when an operation names none, and [] when it opts out", () => {
    assert.deepEqual(index.operation("getHealth").security, []);
    const small = new SpecIndex({
      security: [{ oauth2: [] }],
      paths: { "/x": { get: { operationId: "getX", responses: { "200": { description: "ok" } } } } },
    });
    assert.deepEqual(small.operation("getX").security, [{ oauth2: [] }]);
    assert.deepEqual(small.operation("getX").successTypes, []);
  });
});

describe("media types", () => {
  it("maps encoding names to media types", () => {
    assert.deepEqual(MEDIA_TYPE_OF, {
      json: "application/json",
      msgpack: "application/msgpack",
      protobuf: "application/x-protobuf",
    });
  });
  it("takes the essence of a Content-Type", () => {
    assert.equal(essence(" Application/JSON ; charset=utf-8"), "application/json");
    assert.equal(essence(undefined), "");
  });
});
