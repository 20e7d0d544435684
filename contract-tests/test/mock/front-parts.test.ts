import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, test } from "node:test";
import { gzipSync } from "node:zlib";
import {
  encodeMsgpack,
  encodeProtobuf,
  JSON_TYPE,
  MSGPACK_TYPE,
  PROBLEM_TYPE,
  PROTOBUF_TYPE,
  SpecIndex,
} from "@jeeves/codecs";
import { spec as dataservice } from "@jeeves/generated/specs/dataservice";
import { spec as tokendealer } from "@jeeves/generated/specs/tokendealer";
import { parse } from "yaml";
import { acceptsGzip } from "../../src/mock/accept-encoding.ts";
import { mediaTypesSpoken } from "../../src/mock/media-types-spoken.ts";
import { problemWithViolations } from "../../src/mock/problem-with-violations.ts";
import { relaxRequests } from "../../src/mock/relaxed-spec.ts";
import { resolveSpec } from "../../src/mock/resolve-spec.ts";
import { RouteMatcher } from "../../src/mock/route-matcher.ts";
import { toPrismBody } from "../../src/mock/transcode-request.ts";
import { PRISM_ACCEPT, toCallerBody, transcodedType } from "../../src/mock/transcode-response.ts";
import { ROOT } from "../../src/registry.ts";

const fixture = <T>(name: string) => parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), "utf8")) as T;
const index = new SpecIndex(dataservice);

describe("finding the operation of a concrete request", () => {
  const matcher = new RouteMatcher(index);
  for (const [method, url, operationId] of fixture<Array<[string, string, string | null]>>("routes.yaml")) {
    test(`${method} ${url} → ${operationId ?? "none"}`, () => {
      assert.equal(matcher.match(method, url)?.operationId ?? null, operationId);
    });
  }
});

describe("whether Accept-Encoding allows gzip", () => {
  for (const [header, expected] of fixture<Array<[string | null, boolean]>>("accept-encoding.yaml")) {
    test(`${JSON.stringify(header)} → ${expected}`, () => {
      assert.equal(acceptsGzip(header ?? undefined), expected);
    });
  }
});

describe("request bodies made ready for Prism", () => {
  const createUser = index.operation("createUser");
  const user = { display_name: "Bertie", nickname: "B" };

  test("MessagePack is decoded to JSON without dropping what the schema lacks, so Prism can refuse it", () => {
    const ready = toPrismBody(encodeMsgpack(user), MSGPACK_TYPE, undefined, createUser);
    assert.deepEqual(ready.ok && [ready.contentType, JSON.parse(ready.body.toString())], [JSON_TYPE, user]);
  });

  test("gzip is undone before decoding, in any encoding", () => {
    const bytes = gzipSync(encodeProtobuf("jeeves.v1.UserCreate", { display_name: "Bertie" }));
    const ready = toPrismBody(bytes, PROTOBUF_TYPE, "gzip", createUser);
    assert.deepEqual(ready.ok && JSON.parse(ready.body.toString()), { display_name: "Bertie" });
    const json = toPrismBody(gzipSync(Buffer.from("{}")), JSON_TYPE, "gzip", createUser);
    assert.deepEqual(json.ok && [json.contentType, json.body.toString()], [JSON_TYPE, "{}"]);
  });

  test("an empty protobuf body is the message with every field at its default: {}", () => {
    const ready = toPrismBody(Buffer.alloc(0), PROTOBUF_TYPE, undefined, createUser);
    assert.deepEqual(ready.ok && ready.body.toString(), "{}");
  });

  test("a type the operation does not take is left for Prism to refuse", () => {
    const bytes = encodeMsgpack(user);
    const ready = toPrismBody(bytes, MSGPACK_TYPE, undefined, index.operation("getHealth"));
    assert.deepEqual(ready.ok && [ready.contentType, ready.body], [MSGPACK_TYPE, bytes]);
  });

  test("bad gzip, bad MessagePack and unknown content codings are refused by the front", () => {
    const refusals = [
      toPrismBody(Buffer.from("not gzip"), JSON_TYPE, "gzip", createUser),
      toPrismBody(Buffer.from([0xc1]), MSGPACK_TYPE, undefined, createUser),
      toPrismBody(Buffer.from("{}"), JSON_TYPE, "deflate", createUser),
    ];
    assert.deepEqual(
      refusals.map((r) => !r.ok && [r.status, r.reason]),
      [
        [400, "malformed-body"],
        [400, "malformed-body"],
        [415, "unsupported-content-encoding"],
      ],
    );
  });
});

describe("answers made ready for the caller", () => {
  const getUser = index.operation("getUser");
  const example = Buffer.from(
    JSON.stringify({ type: "urn:jeeves:problem:not-found", title: "Not Found", status: 404 }),
  );

  test("the front asks Prism for JSON only when the caller prefers MessagePack or protobuf", () => {
    assert.equal(transcodedType(`${PROTOBUF_TYPE}, ${PROBLEM_TYPE};q=0.9`, getUser), PROTOBUF_TYPE);
    assert.equal(transcodedType(`${MSGPACK_TYPE};q=0.5, ${JSON_TYPE}`, getUser), undefined);
    assert.equal(transcodedType(undefined, getUser), undefined);
    assert.equal(transcodedType("text/html", getUser), undefined);
    assert.equal(transcodedType(MSGPACK_TYPE, undefined), undefined);
    assert.match(PRISM_ACCEPT, /^application\/json/);
  });

  test("a problem+json stays JSON even when the caller wanted protobuf", () => {
    const answer = toCallerBody(index, getUser, PROTOBUF_TYPE, 404, example, PROBLEM_TYPE);
    assert.deepEqual(answer, { body: example, contentType: PROBLEM_TYPE });
  });

  test("a success is re-encoded with the schema of its status, dropping what the schema lacks", () => {
    const health = Buffer.from(JSON.stringify({ status: "ok", service: "x", checks: [], extra: 1 }));
    const answer = toCallerBody(index, index.operation("getHealth"), MSGPACK_TYPE, 200, health, JSON_TYPE);
    assert.equal(answer.contentType, MSGPACK_TYPE);
    assert.deepEqual(answer.body, encodeMsgpack({ status: "ok", service: "x", checks: [] }));
  });
});

describe("the relaxed copy behind validateRequests: false", () => {
  // biome-ignore lint/suspicious/noExplicitAny: walks the parsed OpenAPI documents
  type Document = Record<string, any>;
  const relaxed = relaxRequests(dataservice) as Document;
  const original = dataservice as Document;

  test("has no security, no request schemas, and only path parameters required", () => {
    const text = JSON.stringify(relaxed);
    assert.doesNotMatch(text, /"security"/);
    const createUser = relaxed.paths["/users"].post;
    assert.deepEqual(createUser.requestBody, {
      required: false,
      content: {
        "application/json": { schema: {} },
        "application/msgpack": { schema: {} },
        "application/x-protobuf": { schema: {} },
      },
    });
    for (const parameter of relaxed.paths["/users"].get.parameters as Array<{ schema?: object; required?: boolean }>) {
      assert.deepEqual([parameter.schema, parameter.required], [{}, false]);
    }
    const userId = relaxed.components.parameters.UserId;
    assert.deepEqual([userId.schema, userId.required], [{}, true]);
  });

  test("keeps the responses, and leaves the original document alone", () => {
    assert.deepEqual(relaxed.paths["/users"].post.responses, original.paths["/users"].post.responses);
    assert.ok(JSON.stringify(dataservice).includes('"security"'));
  });
});

describe("what the CLI mocks", () => {
  test("a registry name, a file under specs/openapi, a path from the repository root or absolute", () => {
    const file = join(ROOT, "specs/openapi/dataservice.yaml");
    assert.deepEqual(resolveSpec("dataservice"), { name: "dataservice", file });
    assert.deepEqual(resolveSpec("tokendealer.yaml").file, join(ROOT, "specs/openapi/tokendealer.yaml"));
    assert.deepEqual(resolveSpec("dataservice.yaml", "/").file, file);
    assert.deepEqual(resolveSpec("specs/openapi/dataservice", "/").file, file);
    assert.deepEqual(resolveSpec(file).file, file);
  });

  test("an external document by its registry name, or by its path under specs/openapi", () => {
    const file = join(ROOT, "specs/openapi/external/slack-web-api.yaml");
    assert.deepEqual(resolveSpec("slack-web-api"), { name: "slack-web-api", file });
    assert.deepEqual(resolveSpec("external/slack-web-api", "/").file, file);
  });

  test("anything else is an error that lists the names", () => {
    assert.throws(
      () => resolveSpec("no-such-service"),
      /no spec named no-such-service: use one of tokendealer, dataservice/,
    );
  });

  test("the media types a mock speaks", () => {
    assert.deepEqual(mediaTypesSpoken(new SpecIndex(tokendealer)), [
      JSON_TYPE,
      MSGPACK_TYPE,
      PROBLEM_TYPE,
      PROTOBUF_TYPE,
      "application/x-www-form-urlencoded",
      "text/plain; version=0.0.4",
    ]);
  });
});

describe("a refusal's problem rewritten to say what Prism's sl-violations say", () => {
  // What Prism answers whatever the request broke: the spec's BadRequest example.
  const canned = {
    type: "urn:jeeves:problem:validation",
    title: "Bad Request",
    status: 400,
    detail: "body must have required property 'display_name'",
    code: "SERVICE_ERR_VALIDATION",
    errors: [{ field: "/body/display_name", message: "is required" }],
  };
  const bytes = Buffer.from(JSON.stringify(canned));
  const header = JSON.stringify([
    { location: ["request", "body", "slack_team_id"], code: "pattern", message: "slack_team_id must match pattern" },
    { location: ["request", "body"], code: "additionalProperties", message: "found 'dispaly_name'" },
  ]);

  test("detail and errors tell the violations; type, title, status and code stay", () => {
    const rewritten = JSON.parse(problemWithViolations(400, bytes, PROBLEM_TYPE, header).toString());
    assert.deepEqual(rewritten, {
      ...canned,
      detail: "slack_team_id must match pattern; found 'dispaly_name'",
      errors: [
        { field: "/body/slack_team_id", message: "slack_team_id must match pattern" },
        { field: "/body", message: "found 'dispaly_name'" },
      ],
    });
  });

  test("a problem without errors gets no errors", () => {
    const { errors, ...bare } = canned;
    assert.ok(errors);
    const rewritten = JSON.parse(
      problemWithViolations(401, Buffer.from(JSON.stringify(bare)), PROBLEM_TYPE, header).toString(),
    );
    assert.deepEqual(rewritten, { ...bare, detail: "slack_team_id must match pattern; found 'dispaly_name'" });
  });

  const untouched: Array<[string, number, string | undefined, string | undefined, Buffer]> = [
    ["no sl-violations header", 400, PROBLEM_TYPE, undefined, bytes],
    ["an empty one", 400, PROBLEM_TYPE, "[]", bytes],
    ["one that is not JSON", 400, PROBLEM_TYPE, "[{", bytes],
    ["a success", 200, PROBLEM_TYPE, header, bytes],
    ["a body that is not problem+json", 400, JSON_TYPE, header, bytes],
    ["a problem that is not JSON", 400, PROBLEM_TYPE, header, Buffer.from("<html>")],
  ];
  for (const [name, status, type, violations, body] of untouched) {
    test(`left as it is: ${name}`, () => {
      assert.equal(problemWithViolations(status, body, type, violations), body);
    });
  }
});
