import assert from "node:assert/strict";
import { test } from "node:test";
import { DEFAULT_NAME, greet } from "../../src/domain/greeting.ts";

test("greets the name given, trimmed", () => {
  assert.deepEqual(greet("  Ada "), { name: "Ada", text: "Hello, Ada!" });
});

test("greets the world without a name", () => {
  assert.deepEqual(greet(undefined), { name: DEFAULT_NAME, text: `Hello, ${DEFAULT_NAME}!` });
  assert.equal(greet("   ").name, DEFAULT_NAME);
});
