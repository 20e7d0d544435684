import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { spec } from "@jeeves/generated/specs/dataservice";
import YAML from "yaml";
import { runDredd } from "../../src/dredd/run-dredd.ts";
import { parseSkipList } from "../../src/dredd/skip-list.ts";
import { startBrokenServer } from "./fixtures/broken-server.ts";

const fixture = YAML.parse(readFileSync(new URL("./fixtures/broken-server.yaml", import.meta.url), "utf8")) as {
  operations: string[];
  statuses: string[];
  failures: Record<string, string>;
};

test("the Dredd hooks fail a provider that corrupts binary bodies and drops a required JSON field", async (t) => {
  const session = await startBrokenServer();
  t.after(() => session.close());
  const report = await runDredd({
    name: "broken-dataservice",
    spec: spec as unknown as Record<string, unknown>,
    session,
    skips: [],
    select: (transaction) =>
      transaction.variant === "identity" &&
      fixture.operations.includes(transaction.operation.operationId) &&
      fixture.statuses.includes(transaction.status),
  });

  assert.equal(report.ok, false);
  assert.deepEqual(report.failures.map((f) => f.name).sort(), Object.keys(fixture.failures).sort());
  for (const failure of report.failures) {
    const expected = fixture.failures[failure.name];
    assert.ok(
      failure.messages.some((message) => message.includes(expected)),
      `${failure.name}: no message mentions "${expected}" in ${JSON.stringify(failure.messages)}`,
    );
  }
  // The same run passes what the server serves right: the failures are the corruptions, nothing else.
  assert.equal(report.passed, report.planned - Object.keys(fixture.failures).length);
  assert.ok(report.passed >= 4, `too few transactions passed (${report.passed}) to show the failures are specific`);
  assert.equal(report.dreddStats.failures, Object.keys(fixture.failures).length, "Dredd's own count agrees");
});

test("a reviewed skip list entry skips its transactions; an entry that matches nothing fails the run", async (t) => {
  const session = await startBrokenServer();
  t.after(() => session.close());
  const skips = parseSkipList(`broken:
  "/health > getHealth > 200 > application/msgpack": the fixture cuts this body short on purpose
  "/users/{userId} > getUser > 200 > application/*": the fixture breaks these on purpose
  "/users > noSuchOperation > 200 > application/json": a stale entry
`).get("broken");
  const report = await runDredd({
    name: "broken",
    spec: spec as unknown as Record<string, unknown>,
    session,
    skips: skips ?? [],
    select: (transaction) =>
      transaction.variant === "identity" &&
      fixture.operations.includes(transaction.operation.operationId) &&
      fixture.statuses.includes(transaction.status),
  });
  assert.deepEqual(report.failures, []);
  assert.equal(report.skipped, 4, "three corrupted transactions and the right msgpack user");
  assert.equal(report.passed, report.planned - 4);
  assert.deepEqual(report.problems, [
    "dredd-skips.yaml: broken › /users > noSuchOperation > 200 > application/json matches no transaction (remove it)",
  ]);
  assert.equal(report.ok, false);
});
