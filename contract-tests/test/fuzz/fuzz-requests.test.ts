import assert from "node:assert/strict";
import { test } from "node:test";
import { spec } from "@jeeves/generated/specs/dataservice";
import { fuzzRequests } from "../../src/fuzz/fuzz-service.ts";
import type { FuzzContext } from "../../src/fuzz/request-arbitrary.ts";
import { fuzzTargets } from "../../src/fuzz/targets.ts";

const targets = fuzzTargets(spec as unknown as Record<string, unknown>);
const context: FuzzContext = {
  params: { existing: { userId: "0190b8a2-7c1e-7d4a-9f3e-5b2a1c0d9e8f" }, missing: {} },
  credentials: { valid: "a.b.c", insufficient: new Map(), foreign: "d.e.f" },
  validBody: () => true,
  inject: true,
  methodsByPath: new Map(),
};

test("a fuzz seed gives the same requests again (so FUZZ_SEED and FUZZ_ONLY replay a run)", () => {
  const first = fuzzRequests(targets, context, 42, 200);
  const again = fuzzRequests(targets, context, 42, 200);
  const other = fuzzRequests(targets, context, 43, 200);
  assert.deepEqual(again, first);
  assert.notDeepEqual(other, first);
});

test("the fuzzer's requests cover every operation and the body, token and encoding categories", () => {
  const requests = fuzzRequests(targets, context, 7, 1500);
  const operations = new Set(requests.map((r) => r.operationId));
  for (const target of targets) assert.ok(operations.has(target.operationId), `${target.operationId} is fuzzed`);
  const categories = new Set(requests.map((r) => r.category));
  for (const category of [
    "valid",
    "wrong-type",
    "missing-field",
    "garbage-msgpack",
    "garbage-protobuf",
    "no-body",
    "broken-gzip",
    "token:none",
    "token:wrong-audience",
    "accept",
    "path",
  ]) {
    assert.ok(categories.has(category), `${category} is among the categories`);
  }
});
