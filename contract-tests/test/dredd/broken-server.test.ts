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

test("the Dredd hooks fail a provider that corrupts binary bodies, drops a required JSON field, or leaves a set one off the protobuf wire", async (t) => {
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
  // Only the admin's is_admin is missing: the other user's is false, which protobuf leaves off anyway.
  const list = report.failures.find((f) => f.name === "/users > listUsers > 200 > application/x-protobuf");
  assert.deepEqual(list?.messages.filter((m) => m.includes("/is_admin")).length, 1, JSON.stringify(list?.messages));
  const user = report.results.find((r) => r.name === "/users/{userId} > getUser > 200 > application/x-protobuf");
  assert.equal(user?.status, "pass", "a user whose is_admin is false may leave it off the wire");
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
  "/health > getHealth > 200 > application/x-protobuf": the fixture sends a string as a varint on purpose
  "/users > listUsers > 200 > application/x-protobuf": the fixture drops is_admin on purpose
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
  assert.equal(report.skipped, 6, "four broken transactions, the right msgpack and protobuf users");
  assert.equal(report.passed, report.planned - 6);
  assert.deepEqual(report.problems, [
    "dredd-skips.yaml: broken › /users > noSuchOperation > 200 > application/json matches no transaction (remove it)",
  ]);
  assert.equal(report.ok, false);
});
