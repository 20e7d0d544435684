import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import YAML from "yaml";
import { runDredd } from "../../src/dredd/run-dredd.ts";
import { loadSkipList } from "../../src/dredd/skip-list.ts";
import { PROVIDERS, ROOT } from "../../src/registry.ts";

const skips = loadSkipList(`${ROOT}contract-tests/dredd-skips.yaml`);

for (const provider of PROVIDERS) {
  test(`Dredd verifies ${provider.name} against ${provider.spec} in every encoding, plain and gzip`, async (t) => {
    assert.ok(provider.dredd, `${provider.name} has no Dredd provider module in registry.ts`);
    const spec = YAML.parse(readFileSync(`${ROOT}${provider.spec}`, "utf8")) as Record<string, unknown>;
    const session = await (await provider.dredd()).startProvider();
    t.after(() => session.close());
    const report = await runDredd({ name: provider.name, spec, session, skips: skips.get(provider.name) ?? [] });

    assert.deepEqual(report.failures, [], "no transaction may fail");
    assert.deepEqual(report.problems, []);
    assert.ok(report.ran > 0 && report.passed === report.ran, `${report.passed} of ${report.ran} passed`);
    assert.equal(report.ran + report.skipped, report.planned, "every planned transaction ran or was skipped");
    assert.equal(report.dreddStats.passes, report.passed, "Dredd's own count agrees");
    assert.ok(report.ok);
  });
}

test("the dataservice's large responses come gzip-compressed in every encoding when asked", async (t) => {
  const provider = PROVIDERS.find((p) => p.name === "dataservice");
  assert.ok(provider?.dredd);
  const spec = YAML.parse(readFileSync(`${ROOT}${provider.spec}`, "utf8")) as Record<string, unknown>;
  const session = await (await provider.dredd()).startProvider();
  t.after(() => session.close());
  const report = await runDredd({
    name: provider.name,
    spec,
    session,
    skips: [],
    select: (transaction) => transaction.operation.operationId === "listUsers" && transaction.status === "200",
  });
  assert.ok(report.ok, "listUsers passes in every encoding");
  const gzipped = report.results.filter((r) => r.gzipped).map((r) => r.name);
  assert.deepEqual(gzipped.sort(), [
    "/users > listUsers [gzip] > 200 > application/json",
    "/users > listUsers [gzip] > 200 > application/msgpack",
    "/users > listUsers [gzip] > 200 > application/x-protobuf",
  ]);
});
