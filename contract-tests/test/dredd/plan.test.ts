import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { test } from "node:test";
import YAML from "yaml";
import { buildPlan } from "../../src/dredd/plan.ts";
import { PROVIDERS, ROOT } from "../../src/registry.ts";

// Dredd's own parser and compiler, as Dredd resolves them.
const require = createRequire(createRequire(import.meta.url).resolve("dredd"));
const parse = require("dredd-transactions/parse") as (
  source: string,
  callback: (error: Error | null, result: { mediaType: string; apiElements: unknown }) => void,
) => void;
const compile = require("dredd-transactions/compile") as (
  mediaType: string,
  apiElements: unknown,
  filename: string,
) => { transactions: Array<{ name: string; request: { method: string } }>; annotations: Array<{ type: string }> };

/** The transaction names Dredd compiles from a document, without the API name (as Dredd runs them). */
async function dreddNames(document: string): Promise<string[]> {
  const { mediaType, apiElements } = await new Promise<{ mediaType: string; apiElements: unknown }>((resolve, reject) =>
    parse(document, (error, result) => (error ? reject(error) : resolve(result))),
  );
  const compiled = compile(mediaType, apiElements, "plan.json");
  assert.deepEqual(
    compiled.annotations.filter((a) => a.type === "error"),
    [],
  );
  return compiled.transactions.map((t) => t.name.split(" > ").slice(1).join(" > "));
}

function expectedCount(spec: Record<string, unknown>): number {
  let count = 0;
  for (const item of Object.values(spec.paths as Record<string, Record<string, { responses?: object }>>)) {
    for (const operation of Object.values(item)) {
      for (const response of Object.values(operation.responses ?? {}) as Array<{ content?: object }>) {
        count += Math.max(1, Object.keys(response.content ?? {}).length);
      }
    }
  }
  return count * 2; // plain and gzip
}

for (const provider of PROVIDERS) {
  test(`Dredd compiles exactly the planned transactions of ${provider.name}, one per operation × status × media type × variant`, async () => {
    const spec = YAML.parse(readFileSync(`${ROOT}${provider.spec}`, "utf8")) as Record<string, unknown>;
    const plan = buildPlan(spec);
    assert.equal(plan.transactions.length, expectedCount(spec));
    assert.equal(plan.byName.size, plan.transactions.length, "names are unique");
    assert.deepEqual(
      await dreddNames(plan.document),
      plan.transactions.map((t) => t.name),
    );
  });
}

test("a plan names transactions by path, operationId, variant, status and media type", () => {
  const spec = YAML.parse(readFileSync(`${ROOT}specs/openapi/dataservice.yaml`, "utf8")) as Record<string, unknown>;
  const names = buildPlan(spec).transactions.map((t) => t.name);
  for (const name of [
    "/users > createUser > 201 > application/msgpack",
    "/users > createUser [gzip] > 201 > application/x-protobuf",
    "/users/{userId} > getUser > 304",
    "/users/{userId} > deleteUser [gzip] > 204",
    "/ready > getReady > 503 > application/problem+json",
  ]) {
    assert.ok(names.includes(name), name);
  }
});

test("a selection keeps only the chosen transactions, in the document Dredd parses too", async () => {
  const spec = YAML.parse(readFileSync(`${ROOT}specs/openapi/dataservice.yaml`, "utf8")) as Record<string, unknown>;
  const plan = buildPlan(spec, (t) => t.operation.operationId === "getUser" && t.variant === "identity");
  assert.deepEqual(
    plan.transactions.map((t) => `${t.status} ${t.mediaType ?? "-"}`),
    [
      "200 application/json",
      "200 application/msgpack",
      "200 application/x-protobuf",
      "304 -",
      "400 application/problem+json",
      "401 application/problem+json",
      "403 application/problem+json",
      "404 application/problem+json",
      "406 application/problem+json",
      "503 application/problem+json",
    ],
  );
  assert.deepEqual(
    await dreddNames(plan.document),
    plan.transactions.map((t) => t.name),
  );
});
