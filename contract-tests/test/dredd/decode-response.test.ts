import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { test } from "node:test";
import { gzipSync } from "node:zlib";
import { encodeBody, MSGPACK_TYPE, PROTOBUF_TYPE } from "@jeeves/codecs";
import {
  badExpositionLine,
  decodeResponse,
  expectedBodySchema,
  expectedTextBody,
  isMetricsType,
} from "../../src/dredd/hooks/decode-response.ts";
import type { DreddTransaction } from "../../src/dredd/hooks/dredd-api.ts";
import type { PlannedTransaction } from "../../src/dredd/plan.ts";
import { dreddTransaction, planned, planOf } from "./helpers.ts";

// Dredd's own validator, as Dredd resolves it.
const gavel = createRequire(createRequire(import.meta.url).resolve("dredd"))("gavel") as {
  validate(expected: object, real: object): { valid: boolean };
};
const index = planOf("dataservice").index;
const USER = {
  id: "0190b8a2-7c1e-7d4a-9f3e-5b2a1c0d9e8f",
  display_name: "Bertie Wooster",
  is_admin: false,
  created_at: "2026-11-28T08:00:00.000Z",
  updated_at: "2026-11-28T08:00:00.000Z",
};
const userSchema = index.response(index.operation("getUser"), 200)?.schema;

function received(entry: PlannedTransaction, status: number, headers: Record<string, string>, bytes: Buffer) {
  const target = dreddTransaction(entry);
  const schema = expectedBodySchema(index, entry);
  if (schema) target.expected.bodySchema = schema;
  target.real = { statusCode: status, headers, body: bytes.toString("base64"), bodyEncoding: "base64" };
  return target;
}

const validates = (t: DreddTransaction) => gavel.validate(t.expected, t.real as object).valid;

test("a gzip MessagePack response is gunzipped and decoded, then validated against the spec schema", () => {
  const entry = planned("dataservice", "/users/{userId} > getUser [gzip] > 200 > application/msgpack");
  const bytes = gzipSync(encodeBody(MSGPACK_TYPE, USER, userSchema));
  const target = received(entry, 200, { "content-type": MSGPACK_TYPE, "content-encoding": "gzip" }, bytes);
  assert.deepEqual(decodeResponse(target, entry, index), { gzipped: true, problems: [], body: USER });
  assert.deepEqual(JSON.parse(target.real?.body ?? ""), USER);
  assert.equal(target.real?.headers["content-type"], "application/msgpack+json");
  assert.equal(target.expected.headers["Content-Type"], "application/msgpack+json");
  assert.equal(validates(target), true);
});

test("a decoded protobuf body missing a required field still fails the schema", () => {
  const entry = planned("dataservice", "/users/{userId} > getUser > 200 > application/x-protobuf");
  const { id: _id, ...withoutId } = USER;
  const target = received(
    entry,
    200,
    { "content-type": PROTOBUF_TYPE },
    encodeBody(PROTOBUF_TYPE, withoutId, userSchema),
  );
  assert.deepEqual(decodeResponse(target, entry, index).problems, []);
  assert.equal(validates(target), false, "an empty id is not a uuid");
});

test("a protobuf body also answers what was on the wire: fields at their default are not", () => {
  const entry = planned("dataservice", "/users/{userId} > getUser > 200 > application/x-protobuf");
  const target = received(entry, 200, { "content-type": PROTOBUF_TYPE }, encodeBody(PROTOBUF_TYPE, USER, userSchema));
  const outcome = decodeResponse(target, entry, index);
  assert.deepEqual(outcome.body, USER);
  const { is_admin: _default, ...onTheWire } = USER;
  assert.deepEqual(outcome.present, onTheWire);
  assert.equal(validates(target), true);
});

test("a JSON body's value is in the outcome; a body that is not JSON has none", () => {
  const entry = planned("dataservice", "/users/{userId} > getUser > 200 > application/json");
  const json = received(entry, 200, { "content-type": "application/json" }, Buffer.from(JSON.stringify(USER)));
  assert.deepEqual(decodeResponse(json, entry, index), { gzipped: false, problems: [], body: USER });
  const text = received(entry, 200, { "content-type": "application/json" }, Buffer.from("{not json"));
  assert.deepEqual(decodeResponse(text, entry, index), { gzipped: false, problems: [] });
});

test("a protobuf field with the wrong wire type or a number the message lacks does not decode, and names it", () => {
  const entry = planned("dataservice", "/users/{userId} > getUser > 200 > application/x-protobuf");
  const good = encodeBody(PROTOBUF_TYPE, USER, userSchema);
  const varintName = Buffer.concat([good, Buffer.from([0x18, 0x01])]);
  const wrong = received(entry, 200, { "content-type": PROTOBUF_TYPE }, varintName);
  assert.deepEqual(decodeResponse(wrong, entry, index).problems, [
    "the application/x-protobuf response body does not decode: malformed application/x-protobuf body: " +
      "jeeves.v1.User.display_name: field 3 came with wire type 0 (varint); a string field takes 2 (length-delimited)",
  ]);
  assert.equal(validates(wrong), false);
  const extra = received(
    entry,
    200,
    { "content-type": PROTOBUF_TYPE },
    Buffer.concat([good, Buffer.from([0xf8, 0x01, 0x01])]),
  );
  assert.match(
    decodeResponse(extra, entry, index).problems.join(),
    /jeeves\.v1\.User: field 31 \(wire type 0\) is not a field/,
  );
});

test("a body that does not decode is a problem, and Gavel fails it too", () => {
  const entry = planned("dataservice", "/users/{userId} > getUser > 200 > application/x-protobuf");
  const target = received(entry, 200, { "content-type": PROTOBUF_TYPE }, Buffer.from([0x0a, 0x40, 0x01]));
  assert.match(decodeResponse(target, entry, index).problems.join(), /does not decode/);
  assert.equal(validates(target), false);
});

test("a charset parameter does not fail the Content-Type; another media type does", () => {
  const entry = planned("dataservice", "/users/{userId} > getUser > 404 > application/problem+json");
  const problem = Buffer.from(JSON.stringify({ type: "urn:x", title: "Not Found", status: 404 }));
  const charset = received(entry, 404, { "content-type": "application/problem+json; charset=utf-8" }, problem);
  decodeResponse(charset, entry, index);
  assert.equal(charset.real?.headers["content-type"], "application/problem+json");
  assert.equal(validates(charset), true);
  const other = received(entry, 404, { "content-type": "application/json" }, problem);
  decodeResponse(other, entry, index);
  assert.equal(validates(other), false);
});

test("a 204 that carries a body is a problem", () => {
  const entry = planned("dataservice", "/users/{userId} > deleteUser > 204");
  const target = received(entry, 204, {}, Buffer.from("{}"));
  assert.match(decodeResponse(target, entry, index).problems.join(), /must have no body/);
  const empty = received(entry, 204, {}, Buffer.alloc(0));
  assert.deepEqual(decodeResponse(empty, entry, index).problems, []);
});

test("a text/html page is compared exactly with the spec's example, gzip or not, with no schema", () => {
  const slackbot = planOf("slackbot").index;
  const entry = planned("slackbot", "/slack/oauth/callback > finishSlackInstall [gzip] > 200 > text/html");
  const example = expectedTextBody(slackbot, entry);
  assert.match(example ?? "", /Jeeves is installed in Drones Club/);
  assert.equal(expectedBodySchema(slackbot, entry), undefined);
  const page = (body: string) => {
    const target = dreddTransaction(entry);
    target.expected.body = example;
    target.real = {
      statusCode: 200,
      headers: { "content-type": "text/html; charset=utf-8", "content-encoding": "gzip" },
      body: gzipSync(body).toString("base64"),
      bodyEncoding: "base64",
    };
    assert.deepEqual(decodeResponse(target, entry, slackbot), { gzipped: true, problems: [] });
    return target;
  };
  assert.equal(validates(page(example ?? "")), true);
  assert.equal(validates(page((example ?? "").replace("Drones Club", "Fake Slack"))), false);
  assert.equal(
    expectedTextBody(index, planned("dataservice", "/users/{userId} > getUser > 200 > application/json")),
    undefined,
  );
});

test("a metrics body is checked line by line for the Prometheus text format", () => {
  assert.equal(isMetricsType("text/plain; version=0.0.4"), true);
  assert.equal(isMetricsType("text/plain"), false);
  const good = [
    "# HELP http_request_duration_seconds HTTP requests served.",
    "# TYPE http_request_duration_seconds histogram",
    'http_request_duration_seconds_bucket{le="+Inf",route="/weather",method="GET",status_code="200"} 2',
    'jeeves_cache_requests_total{cache="weather",result="hit"} 1',
    "process_start_time_seconds 1765085117",
    "nodejs_eventloop_lag_mean_seconds Nan",
    'nodejs_heap_space_size_total_bytes{space="new \\"x\\""} 1.5e+6',
    "",
  ].join("\n");
  assert.equal(badExpositionLine(good), undefined);
  assert.equal(badExpositionLine(`${good}\n<html>`), "<html>");
  assert.equal(badExpositionLine('a{b="c"'), 'a{b="c"');
});
