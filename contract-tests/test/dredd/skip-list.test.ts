import assert from "node:assert/strict";
import { test } from "node:test";
import { loadSkipList, parseSkipList } from "../../src/dredd/skip-list.ts";
import { PROVIDERS, ROOT } from "../../src/registry.ts";

const list = parseSkipList(`
dataservice:
  "/ready > getReady > 503 > application/problem+json": needs the database down
  "/users > * > 415 > application/problem+json": no 415 here
tokendealer: {}
`);

test("a skip is an exact transaction name or a * pattern, within its provider's section", () => {
  const rules = list.get("dataservice") ?? [];
  const reasonOf = (name: string) => rules.find((r) => r.matches(name))?.reason;
  assert.equal(reasonOf("/ready > getReady > 503 > application/problem+json"), "needs the database down");
  assert.equal(reasonOf("/ready > getReady [gzip] > 503 > application/problem+json"), undefined);
  assert.equal(reasonOf("/users > createUser [gzip] > 415 > application/problem+json"), "no 415 here");
  assert.equal(reasonOf("/users/{userId} > updateUser > 415 > application/problem+json"), undefined);
  assert.deepEqual(list.get("tokendealer"), []);
});

test("a pattern's other characters match literally", () => {
  const rules = parseSkipList(`p: { "/a.b > x* > (1)": why }`).get("p") ?? [];
  assert.equal(rules[0].matches("/a.b > xyz > (1)"), true);
  assert.equal(rules[0].matches("/aXb > xyz > (1)"), false);
});

test("a skip without a reason, or a malformed file, is refused", () => {
  assert.throws(
    () => parseSkipList(`dataservice: { "/health > getHealth > 406 > application/problem+json": "" }`),
    /reason/,
  );
  assert.throws(() => parseSkipList(`dataservice: [a, b]`), /must map/);
  assert.throws(() => parseSkipList(`- a`), /expected a map/);
});

test("the repository's skip list names providers only (one without a section skips nothing) and words every skip", () => {
  const sections = loadSkipList(`${ROOT}contract-tests/dredd-skips.yaml`);
  const providers = new Set(PROVIDERS.map((p) => p.name));
  assert.deepEqual(
    [...sections.keys()].filter((name) => !providers.has(name)),
    [],
    "a section for no provider",
  );
  for (const rules of sections.values())
    for (const rule of rules) assert.ok(rule.reason.split(" ").length > 5, rule.key);
});
