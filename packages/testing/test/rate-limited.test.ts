import assert from "node:assert/strict";
import { test } from "node:test";
import { assertRateLimited } from "../src/index.ts";

const problem = {
  type: "urn:jeeves:problem:too-many-requests",
  title: "Too Many Requests",
  status: 429,
  code: "SERVICE_ERR_RATE_LIMITED",
};
const headers = { "content-type": "application/problem+json; charset=utf-8", "retry-after": "12" };

test("assertRateLimited takes a 429 problem with Retry-After, raw or decoded", () => {
  assertRateLimited({ statusCode: 429, headers, body: JSON.stringify(problem) });
  assertRateLimited({ status: 429, headers, body: problem });
});

test("assertRateLimited refuses another status, type, code or a missing Retry-After", () => {
  assert.throws(() => assertRateLimited({ status: 401, headers, body: { ...problem, status: 401 } }));
  assert.throws(() =>
    assertRateLimited({ status: 429, headers: { ...headers, "content-type": "application/json" }, body: problem }),
  );
  assert.throws(() => assertRateLimited({ status: 429, headers, body: { ...problem, code: "OTHER" } }));
  assert.throws(() =>
    assertRateLimited({ status: 429, headers: { "content-type": headers["content-type"] }, body: problem }),
  );
});
