import assert from "node:assert/strict";
import { test } from "node:test";
import type { FuzzAnswer, FuzzRequest } from "../../src/fuzz/fuzz-request.ts";
import { judge } from "../../src/fuzz/judge.ts";
import type { FuzzTarget } from "../../src/fuzz/targets.ts";

const request: FuzzRequest = {
  category: "valid",
  operationId: "issueToken",
  method: "POST",
  url: "/oauth/token",
  headers: {},
};
const oauth: FuzzTarget = {
  operationId: "issueToken",
  method: "POST",
  path: "/oauth/token",
  parameters: [],
  guard: { kind: "basic", optional: true },
  successTypes: ["application/json"],
  jsonErrorStatuses: new Set([400, 401]),
};

function answer(status: number, contentType: string | undefined, body: unknown, ms = 1): FuzzAnswer {
  return {
    status,
    headers: contentType ? { "content-type": contentType } : {},
    body: Buffer.from(typeof body === "string" ? body : JSON.stringify(body)),
    ms,
  };
}

const problem = (status: number) => ({ type: "urn:jeeves:problem:x", title: "X", status });

test("the fuzzer's judge passes problem+json errors and the RFC 6749 errors the spec documents", () => {
  assert.equal(judge(request, answer(400, "application/problem+json", problem(400)), oauth), undefined);
  assert.equal(judge(request, answer(401, "application/json", { error: "invalid_client" }), oauth), undefined);
  assert.equal(judge(request, answer(200, "application/json", { ok: true }), oauth), undefined);
});

test("the fuzzer's judge fails 5xx, slow answers, no answer, other error bodies and accepted invalid bodies", () => {
  assert.equal(judge(request, answer(500, "application/problem+json", problem(500)), oauth)?.kind, "5xx");
  assert.equal(judge(request, answer(200, "application/json", {}, 5_001), oauth)?.kind, "slow");
  assert.equal(judge(request, { ...answer(0, undefined, ""), error: "boom" }, oauth)?.kind, "crash");
  // An RFC 6749 error where the spec documents none (415), a problem with the wrong status, plain JSON.
  assert.equal(judge(request, answer(415, "application/json", { error: "x" }), oauth)?.kind, "not-problem-json");
  assert.equal(judge(request, answer(404, "application/problem+json", problem(400)), oauth)?.kind, "not-problem-json");
  assert.equal(judge(request, answer(404, "application/json", problem(404)), undefined)?.kind, "not-problem-json");
  const invalid = { ...request, invalidBody: true };
  assert.equal(judge(invalid, answer(201, "application/json", {}), oauth)?.kind, "invalid-body-accepted");
  assert.equal(judge(invalid, answer(400, "application/problem+json", problem(400)), oauth), undefined);
});

test("the fuzzer's judge groups failures of broken paths before routing, whatever operation they came from", () => {
  const path = { ...request, category: "path" };
  const verdict = judge(path, answer(400, "application/json", { code: "FST_ERR_BAD_URL" }), oauth);
  assert.equal(verdict?.key, "not problem+json · (before routing) · 400 FST_ERR_BAD_URL");
});
